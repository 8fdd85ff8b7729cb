import { Inject, Injectable } from "@nestjs/common";
import type { ApiContext } from "../common/context.ts";
import { countWhenAsked } from "../common/keyset-cursor.ts";
import { DocumentsService } from "../documents/documents.service.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { ListingsService } from "../listings/listings.service.ts";
import { MerchantsService, type MerchantRow } from "./merchants.service.ts";

const merchantsTypeDefs = /* GraphQL */ `
  enum MerchantStatus { Applied Approved Rejected Suspended }

  type Query {
    merchants(status: MerchantStatus, first: Int = 20, after: String): MerchantConnection!
    merchant(address: Address!): Merchant!
  }

  type MerchantConnection { edges: [MerchantEdge!]! nodes: [Merchant!]! pageInfo: PageInfo! totalCount: Int! }
  type MerchantEdge { node: Merchant! cursor: String! }

  type Merchant {
    address: Address!
    status: MerchantStatus!
    payout: Address!
    "Hot key authorised to sign listings and vouchers."
    signer: Address
    counter: UInt256!
    profileCid: CID!
    profile: MerchantProfile
    profileStatus: MetadataStatus!
    appliedBlock: Int!
    "Time of the block of the merchant's (latest) application."
    appliedAt: Timestamp!
    statusHistory: [MerchantStatusChange!]!
    rating: Rating!
    sales: [SalesFigure!]!
    "Orders by the UTC day of their placing block and by payment token, oldest first; days without orders are left out."
    salesByDay(from: Timestamp, to: Timestamp): [DailySales!]!
    "The merchant's products (current versions), newest first."
    listings(first: Int = 20, after: String): ListingConnection!
  }
  type MerchantProfile { name: String! description: String website: String logo: Media encryptionPublicKey: String! }
  type MerchantStatusChange {
    status: MerchantStatus!
    actor: Address
    reasonCid: CID
    blockNumber: Int!
    txHash: String!
    at: Timestamp!
  }
  "Orders of one payment token: how many, how many completed, gross order value and what was settled to the merchant."
  type SalesFigure { token: Address! orders: Int! completed: Int! gross: UInt256! settled: UInt256! }
  "Orders placed on one UTC day (YYYY-MM-DD) in one token: how many, how many completed since, their gross value."
  type DailySales { day: String! token: Address! orders: Int! completed: Int! gross: UInt256! }
`;

interface Profile {
  name: string;
  description?: string;
  website?: string;
  logo?: { cid: string; thumbnail: { cid: string } };
  encryptionKey: { publicKey: string };
}

const merchantsResolvers = (merchants: MerchantsService, listings: ListingsService, documents: DocumentsService) => ({
  Query: {
    merchants: (_: unknown, args: { status?: string; first?: number; after?: string }) => merchants.list(args),
    merchant: (_: unknown, args: { address: string }) => merchants.byAddress(args.address),
  },
  MerchantConnection: { totalCount: countWhenAsked },
  Merchant: {
    profile: async (merchant: MerchantRow, _: unknown, context: ApiContext) => {
      const document = await context.loaders.document.load(merchant.profileCid);
      if (document?.status !== "OK") return null;
      const profile = document.document as Profile;
      const url = (cid: string) => documents.gatewayUrl(cid);
      return {
        ...profile,
        encryptionPublicKey: profile.encryptionKey.publicKey,
        logo: profile.logo
          ? {
              ...profile.logo,
              url: url(profile.logo.cid),
              thumbnail: { ...profile.logo.thumbnail, url: url(profile.logo.thumbnail.cid) },
            }
          : null,
      };
    },
    profileStatus: async (merchant: MerchantRow, _: unknown, context: ApiContext) =>
      (await context.loaders.document.load(merchant.profileCid))?.status ?? "PENDING",
    statusHistory: (merchant: MerchantRow, _: unknown, context: ApiContext) =>
      context.loaders.merchantHistory.load(merchant.address),
    rating: async (merchant: MerchantRow, _: unknown, context: ApiContext) => {
      const { reviewCount, ratingSum } = await context.loaders.merchantRating.load(merchant.address);
      return { count: reviewCount, average: reviewCount ? ratingSum / reviewCount : null };
    },
    sales: (merchant: MerchantRow, _: unknown, context: ApiContext) =>
      context.loaders.merchantSales.load(merchant.address),
    salesByDay: (merchant: MerchantRow, args: { from?: number; to?: number }) =>
      merchants.salesByDay(merchant.address, args),
    listings: (merchant: MerchantRow, args: { first?: number; after?: string }) =>
      listings.search({ filter: { merchant: merchant.address }, orderBy: "NEWEST", ...args }),
  },
});

@GraphqlSchemaPart()
@Injectable()
export class MerchantsResolver implements SchemaPart {
  readonly typeDefs = merchantsTypeDefs;
  readonly resolvers;

  constructor(
    @Inject(MerchantsService) merchants: MerchantsService,
    @Inject(ListingsService) listings: ListingsService,
    @Inject(DocumentsService) documents: DocumentsService,
  ) {
    this.resolvers = merchantsResolvers(merchants, listings, documents);
  }
}
