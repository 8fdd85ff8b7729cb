import type { RouteObject } from "react-router";

/** Loaded on first visit: sdk/proofs (a Merkle-Patricia trie library) stays out of the shop's bundle. */
const page = async () => ({ Component: (await import("./AuditPage.tsx")).AuditPage });

/** The auditor area: event queries, recall, the verifiable export and its verification in the browser. */
export const auditRoutes: RouteObject[] = [{ path: "audit", lazy: page }];
