import type { RouteObject } from "react-router";

/** The merchant area (sales chart, orders to ship, low stock of the signed-in merchant), loaded on first visit. */
export const merchantRoutes: RouteObject[] = [
  { path: "merchant", lazy: async () => ({ Component: (await import("./MerchantPage.tsx")).MerchantPage }) },
];
