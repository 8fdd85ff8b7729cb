import type { ApiContext } from "../common/context.ts";

export const rolesTypeDefs = /* GraphQL */ `
  type Query {
    "Every AccessManager grant of the account, active or revoked."
    roles(account: Address!): [RoleGrant!]!
    "Grants, most recently changed first, optionally of one role."
    roleGrants(roleId: UInt256, first: Int = 20, after: String): RoleGrantConnection!
  }
  type RoleGrant {
    roleId: UInt256!
    label: String
    account: Address!
    active: Boolean!
    "When the grant takes effect."
    since: Timestamp
    executionDelay: Int
    grantedBlock: Int
    revokedBlock: Int
    blockNumber: Int!
  }
  type RoleGrantConnection { edges: [RoleGrantEdge!]! nodes: [RoleGrant!]! pageInfo: PageInfo! totalCount: Int! }
  type RoleGrantEdge { node: RoleGrant! cursor: String! }
`;

export const rolesResolvers = {
  Query: {
    roles: (_: unknown, args: { account: string }, context: ApiContext) => context.services.roles.ofAccount(args.account),
    roleGrants: (_: unknown, args: { roleId?: string; first?: number; after?: string }, context: ApiContext) => context.services.roles.grants(args),
  },
};
