import type { RouteObject } from "react-router";

// Loaded on first visit: checkout brings the encryption and document-schema code the shop does not need.
export const cartRoutes: RouteObject[] = [
  { path: "cart", lazy: async () => ({ Component: (await import("./CartPage.tsx")).CartPage }) },
  { path: "checkout/:key", lazy: async () => ({ Component: (await import("./CheckoutPage.tsx")).CheckoutPage }) },
];
