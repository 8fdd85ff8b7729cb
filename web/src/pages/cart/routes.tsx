import type { RouteObject } from "react-router";
import { CartPage } from "./CartPage.tsx";
import { CheckoutPage } from "./CheckoutPage.tsx";

export const cartRoutes: RouteObject[] = [
  { path: "cart", element: <CartPage /> },
  { path: "checkout/:key", element: <CheckoutPage /> },
];
