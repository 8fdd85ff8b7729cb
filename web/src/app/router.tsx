import { createBrowserRouter } from "react-router";
import { auditRoutes } from "../pages/audit/routes.tsx";
import { cartRoutes } from "../pages/cart/routes.tsx";
import { merchantRoutes } from "../pages/merchant/routes.tsx";
import { orderRoutes } from "../pages/orders/routes.tsx";
import { provenanceRoutes } from "../pages/provenance/routes.tsx";
import { shopRoutes } from "../pages/shop/routes.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

/** Every page lives in one area under pages/; each area exports its routes, all rendered inside the Layout. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      ...shopRoutes,
      ...cartRoutes,
      ...orderRoutes,
      ...provenanceRoutes,
      ...auditRoutes,
      ...merchantRoutes,
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
