import { Inject, Injectable } from "@nestjs/common";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { RolesService } from "./roles.service.ts";

const rolesTypeDefs = /* GraphQL */ `
  type Query {
    "Every AccessManager grant of the account, active or revoked."
    roles(account: Address!): [RoleGrant!]!
    "Grants, most recently changed first, optionally of one role."
    roleGrants(roleId: UInt256, first: Int = 20, after: String): RoleGrantConnection!
    "Every RoleGranted and RoleRevoked, newest first, optionally of one account and/or one role."
    roleGrantHistory(account: Address, roleId: UInt256, first: Int = 20, after: String): RoleGrantEventConnection!
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
    grantedAt: Timestamp
    revokedBlock: Int
    revokedAt: Timestamp
    blockNumber: Int!
  }
  type RoleGrantConnection { edges: [RoleGrantEdge!]! nodes: [RoleGrant!]! pageInfo: PageInfo! totalCount: Int! }
  type RoleGrantEdge { node: RoleGrant! cursor: String! }

  "granted: a new member; updated: a member's execution delay or effective time changed; revoked."
  enum RoleGrantEventKind { granted updated revoked }
  type RoleGrantEvent {
    kind: RoleGrantEventKind!
    roleId: UInt256!
    label: String
    account: Address!
    "When the grant takes effect (null on revocations)."
    since: Timestamp
    executionDelay: Int
    blockNumber: Int!
    logIndex: Int!
    txHash: String!
    "Time of the event's block."
    at: Timestamp!
  }
  type RoleGrantEventConnection {
    edges: [RoleGrantEventEdge!]!
    nodes: [RoleGrantEvent!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type RoleGrantEventEdge { node: RoleGrantEvent! cursor: String! }
`;

const rolesResolvers = (roles: RolesService) => ({
  Query: {
    roles: (_: unknown, args: { account: string }) => roles.ofAccount(args.account),
    roleGrants: (_: unknown, args: { roleId?: string; first?: number; after?: string }) => roles.grants(args),
    roleGrantHistory: (_: unknown, args: { account?: string; roleId?: string; first?: number; after?: string }) =>
      roles.history(args),
  },
});

@GraphqlSchemaPart()
@Injectable()
export class RolesResolver implements SchemaPart {
  readonly typeDefs = rolesTypeDefs;
  readonly resolvers;

  constructor(@Inject(RolesService) roles: RolesService) {
    this.resolvers = rolesResolvers(roles);
  }
}
