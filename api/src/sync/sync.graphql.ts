import type { ApiContext } from "../common/context.ts";

export const syncTypeDefs = /* GraphQL */ `
  type Query { syncStatus: SyncStatus! }
  type SyncStatus {
    chainId: Int!
    "Last block whose events are in the database (null before the first batch)."
    indexedBlock: Int
    "Chain head from RPC_URL (null when the API has no RPC)."
    headBlock: Int
    lag: Int
    finalizedBlock: Int
  }
`;

export const syncResolvers = {
  Query: { syncStatus: (_: unknown, __: unknown, context: ApiContext) => context.services.sync.status() },
};
