import type { RouteObject } from "react-router";
import { ProvenancePage } from "./ProvenancePage.tsx";

/** The provenance area (item timeline, custody, aggregation graph, EPCIS download) mounts here. */
export const provenanceRoutes: RouteObject[] = [{ path: "provenance", element: <ProvenancePage /> }];
