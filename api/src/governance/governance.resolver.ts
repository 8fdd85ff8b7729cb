import { Inject, Injectable } from "@nestjs/common";
import type { DecodedCall } from "#sdk/admin-calls.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { GovernanceService, type ScheduledOperationStatus } from "./governance.service.ts";

const governanceTypeDefs = /* GraphQL */ `
  type Query {
    """
    Calls in the AccessManager's queue, most recently scheduled first: every ADMIN act (granting a role, ADMIN
    and ARBITER included, the fee and treasury, allowing a token, rewiring) once the admin has an execution
    delay, so the consortium sees each before it can take effect.
    """
    scheduledOperations(
      status: ScheduledOperationStatus
      first: Int = 20
      after: String
    ): ScheduledOperationConnection!
  }
  enum ScheduledOperationStatus { Scheduled Executed Canceled }
  type ScheduledOperation {
    "The AccessManager's operation id: the hash of caller, target and call."
    id: Bytes32!
    nonce: Int!
    caller: Address!
    target: Address!
    "Which of the deployment's contracts the call is for; null for any other address."
    contract: String
    "The function called, decoded with the target's ABI; null when the call does not decode."
    function: String
    "The role a role function (grantRole, revokeRole, labelRole, ...) names."
    role: String
    "The call's arguments: integers as decimal strings."
    args: JSON
    "The ABI-encoded call."
    data: String!
    "From when it may be executed."
    executableAt: Timestamp!
    "After this the AccessManager refuses to execute it (a week past executableAt)."
    expiresAt: Timestamp!
    status: ScheduledOperationStatus!
    scheduledAt: Timestamp!
    scheduledBlock: Int!
    txHash: String!
    "When it was executed or canceled."
    closedAt: Timestamp
  }
  type ScheduledOperationConnection {
    edges: [ScheduledOperationEdge!]!
    nodes: [ScheduledOperation!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type ScheduledOperationEdge { node: ScheduledOperation! cursor: String! }
`;

type OperationRow = { operationId: string; call: DecodedCall | null };

const governanceResolvers = (governance: GovernanceService) => ({
  Query: {
    scheduledOperations: (_: unknown, args: { status?: ScheduledOperationStatus; first?: number; after?: string }) =>
      governance.operations(args),
  },
  ScheduledOperation: {
    id: (row: OperationRow) => row.operationId,
    contract: (row: OperationRow) => row.call?.contract ?? null,
    function: (row: OperationRow) => row.call?.functionName ?? null,
    role: (row: OperationRow) => row.call?.roleName ?? null,
    args: (row: OperationRow) => row.call?.args ?? null,
  },
});

@GraphqlSchemaPart()
@Injectable()
export class GovernanceResolver implements SchemaPart {
  readonly typeDefs = governanceTypeDefs;
  readonly resolvers;

  constructor(@Inject(GovernanceService) governance: GovernanceService) {
    this.resolvers = governanceResolvers(governance);
  }
}
