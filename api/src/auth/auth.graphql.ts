import type { ApiContext } from "../common/context.ts";
import { requireSession } from "./guard.ts";

export const authTypeDefs = /* GraphQL */ `
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

export const authResolvers = {
  Query: {
    me: async (_: unknown, __: unknown, context: ApiContext) => context.session(),
  },
  Mutation: {
    nonce: (_: unknown, __: unknown, context: ApiContext) => context.services.siwe.challenge(),
    signIn: (_: unknown, args: { message: string; signature: string }, context: ApiContext) => context.services.siwe.signIn(args.message, args.signature),
    signOut: async (_: unknown, __: unknown, context: ApiContext) => {
      await context.services.sessions.revoke(await requireSession(context));
      return true;
    },
  },
  Viewer: {
    roles: (viewer: { address: string }, _: unknown, context: ApiContext) => context.services.roles.ofAccount(viewer.address),
  },
};
