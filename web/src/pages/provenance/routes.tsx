import type { RouteObject } from "react-router";
import { ProvenancePage } from "./ProvenancePage.tsx";

/** The provenance area: a form to find an item, and an item's timeline, custody, graph and EPCIS download. */
export const provenanceRoutes: RouteObject[] = [
  { path: "provenance", element: <ProvenancePage /> },
  { path: "provenance/:itemId", element: <ProvenancePage /> },
];
