import { Inject, Injectable } from "@nestjs/common";
import type { ApiContext } from "../common/context.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { RolesService } from "../roles/roles.service.ts";
import { requireSession } from "./guard.ts";
import { SessionTokens } from "./session-tokens.ts";
import { SiweService } from "./siwe.service.ts";

const authTypeDefs = /* GraphQL */ `
  type Query {
    "The signed-in account, or null."
    me: Viewer
  }
  type Mutation {
    "A single-use nonce and the domain, URI and chain id the SIWE message must carry."
    nonce: SiweChallenge!
    "Verifies an EIP-4361 message and its signature; returns a bearer token for Authorization: Bearer <token>."
    signIn(message: String!, signature: String!): AuthSession!
    "Revokes the current session token."
    signOut: Boolean!
  }
  type SiweChallenge { nonce: String! expiresAt: Timestamp! domain: String! uri: String! chainId: Int! }
  type AuthSession { token: String! address: Address! expiresAt: Timestamp! }
  type Viewer { address: Address! expiresAt: Timestamp! roles: [RoleGrant!]! }
`;

const authResolvers = (siwe: SiweService, sessions: SessionTokens, roles: RolesService) => ({
  Query: {
    me: async (_: unknown, __: unknown, context: ApiContext) => context.session(),
  },
  Mutation: {
    nonce: () => siwe.challenge(),
    signIn: (_: unknown, args: { message: string; signature: string }) => siwe.signIn(args.message, args.signature),
    signOut: async (_: unknown, __: unknown, context: ApiContext) => {
      await sessions.revoke(await requireSession(context));
      return true;
    },
  },
  Viewer: {
    roles: (viewer: { address: string }) => roles.ofAccount(viewer.address),
  },
});

@GraphqlSchemaPart()
@Injectable()
export class AuthResolver implements SchemaPart {
  readonly typeDefs = authTypeDefs;
  readonly resolvers;

  constructor(
    @Inject(SiweService) siwe: SiweService,
    @Inject(SessionTokens) sessions: SessionTokens,
    @Inject(RolesService) roles: RolesService,
  ) {
    this.resolvers = authResolvers(siwe, sessions, roles);
  }
}
