import type { RouteObject } from "react-router";

// Loaded on first visit, so the shop's first page does not wait for them.
export const orderRoutes: RouteObject[] = [
  { path: "orders", lazy: async () => ({ Component: (await import("./OrdersPage.tsx")).OrdersPage }) },
  { path: "orders/:id", lazy: async () => ({ Component: (await import("./OrderPage.tsx")).OrderPage }) },
];
