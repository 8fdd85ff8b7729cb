/** The header's links, in order; an area adds its entry here (the matching routes live in its routes.tsx). */
export const NAVIGATION = [
  { to: "/", label: "Shop", end: true },
  { to: "/orders", label: "My orders" },
  { to: "/provenance", label: "Provenance" },
  { to: "/audit", label: "Audit" },
  { to: "/merchant", label: "Merchant" },
] as const;
