import type { RouteObject } from "react-router";

/** Loaded on first visit: the shop's first load does not need it. */
const page = async () => ({ Component: (await import("./ProvenancePage.tsx")).ProvenancePage });

/** The provenance area: a form to find an item, and an item's timeline, custody, graph and EPCIS download. */
export const provenanceRoutes: RouteObject[] = [
  { path: "provenance", lazy: page },
  { path: "provenance/:itemId", lazy: page },
];
