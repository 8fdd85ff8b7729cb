import { Inject, Injectable } from "@nestjs/common";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { StorefrontService } from "./storefront.service.ts";

const storefrontTypeDefs = /* GraphQL */ `
  type Query {
    """
    Public settings a wallet-connected client needs: the chain to be on, where its RPC is, the contracts and
    payment tokens.
    """
    storefrontConfig: StorefrontConfig!
  }
  type StorefrontConfig {
    chainId: Int!
    "RPC a wallet can add for this chain (PUBLIC_RPC_URL, else RPC_URL); null when the API has none."
    rpcUrl: String
    "Block explorer (EXPLORER_URL) whose /tx/<hash> pages show a transaction; null on a local chain."
    explorerUrl: String
    contracts: StorefrontContracts!
    "Native currency (the zero address) first, then every allowed ERC-20."
    tokens: [PaymentToken!]!
  }
  type StorefrontContracts {
    orderEscrow: Address!
    reviews: Address!
    listingRegistry: Address!
    "Provenance, whose logs an export proves: a verifier checks against it (and should confirm it independently)."
    provenance: Address!
  }
  "Symbol and decimals are null when the API cannot read the token (no RPC)."
  type PaymentToken { address: Address! symbol: String decimals: Int }
`;

const storefrontResolvers = (storefront: StorefrontService) => ({
  Query: { storefrontConfig: () => storefront.describe() },
});

@GraphqlSchemaPart()
@Injectable()
export class StorefrontResolver implements SchemaPart {
  readonly typeDefs = storefrontTypeDefs;
  readonly resolvers;

  constructor(@Inject(StorefrontService) storefront: StorefrontService) {
    this.resolvers = storefrontResolvers(storefront);
  }
}
