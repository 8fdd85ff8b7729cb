import type { RouteObject } from "react-router";
import { OrderPage } from "./OrderPage.tsx";
import { OrdersPage } from "./OrdersPage.tsx";

export const orderRoutes: RouteObject[] = [
  { path: "orders", element: <OrdersPage /> },
  { path: "orders/:id", element: <OrderPage /> },
];
