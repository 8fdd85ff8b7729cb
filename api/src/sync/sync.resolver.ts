import { Inject, Injectable } from "@nestjs/common";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { SyncStatusService } from "./sync-status.service.ts";

const syncTypeDefs = /* GraphQL */ `
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

const syncResolvers = (sync: SyncStatusService) => ({
  Query: { syncStatus: () => sync.status() },
});

@GraphqlSchemaPart()
@Injectable()
export class SyncResolver implements SchemaPart {
  readonly typeDefs = syncTypeDefs;
  readonly resolvers;

  constructor(@Inject(SyncStatusService) sync: SyncStatusService) {
    this.resolvers = syncResolvers(sync);
  }
}
