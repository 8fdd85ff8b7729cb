import { Inject, Injectable } from "@nestjs/common";
import type { ListingMetadata } from "#sdk/metadata/listing.ts";
import type { ApiContext } from "../common/context.ts";
import { DocumentsService } from "../documents/documents.service.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import type { ListingRow } from "./listing-query.ts";
import { ListingsService, type ListingSearch } from "./listings.service.ts";

const listingsTypeDefs = /* GraphQL */ `
  enum ListingOrder { RELEVANCE PRICE_ASC PRICE_DESC NEWEST RATING }
  enum MetadataStatus { OK PENDING MISSING INVALID }

  input ListingFilter {
    "Any level of the category path, e.g. Coffee."
    category: String
    merchant: Address
    minPrice: UInt256
    maxPrice: UInt256
    "Payment token; the zero address is the native currency."
    token: Address
    inStock: Boolean
    "Average rating from 1 to 5."
    minRating: Float
  }

  type Query {
    "Full-text search over title, description, categories and attributes, with filters, facets and Relay pages."
    listings(
      search: String
      filter: ListingFilter
      orderBy: ListingOrder = RELEVANCE
      first: Int = 20
      after: String
    ): ListingConnection!
    "A product by the id of any of its versions; served at its current version."
    listing(id: Bytes32!): Listing!
  }

  type ListingConnection {
    edges: [ListingEdge!]!
    nodes: [Listing!]!
    pageInfo: PageInfo!
    totalCount: Int!
    facets: ListingFacets!
  }
  type ListingEdge { node: Listing! cursor: String! }
  type ListingFacets {
    categories: [CategoryCount!]!
    prices: [PriceRange!]!
    """
    False when the search matched more than 10,000 products: then category counts are estimated from a sample of
    10,000 matches, and price bounds are those of the sample. totalCount and each token's count stay exact.
    """
    exact: Boolean!
  }
  type CategoryCount { category: String! count: Int! }
  "Price range of the matching listings priced in one token."
  type PriceRange { token: Address! min: UInt256! max: UInt256! count: Int! }

  type Listing {
    "EIP-712 id of the current version."
    id: Bytes32!
    merchant: Merchant!
    sku: UInt256!
    version: UInt256!
    metadataCid: CID!
    metadataStatus: MetadataStatus!
    title: String
    description: String
    categoryPath: [String!]!
    attributes: [Attribute!]!
    media: [Media!]!
    price: UInt256!
    token: Address!
    "Units published for this version."
    quantity: UInt256!
    "Units left to order."
    stock: UInt256!
    "Units of this version one buyer may hold in orders (a per-customer limit); null when unlimited."
    maxPerBuyer: UInt256
    inStock: Boolean!
    "Active, Superseded or Cancelled."
    status: String!
    validFrom: Timestamp!
    validUntil: Timestamp!
    publishedBlock: Int!
    "Time of the block that published the current version."
    publishedAt: Timestamp!
    rating: Rating!
    versions: [ListingVersion!]!
    reviews: [Review!]!
    "Physical items registered against any version of this product, oldest first: each has a provenance trace."
    items: [Item!]!
    "Where the merchant ships this product, at what charge, and its return policy; null until the document resolves."
    shipping: ListingShipping
  }
  type ListingShipping {
    "Destination countries (ISO 3166-1 alpha-2) and the charge per order to each, in the listing's token; 0 is free."
    regions: [ShippingRegion!]!
    returnPolicy: ReturnPolicy!
  }
  type ShippingRegion { country: String! cost: UInt256! }
  type ReturnPolicy { accepted: Boolean! windowDays: Int! buyerPaysReturnShipping: Boolean! notes: String }
  type Attribute { name: String! value: String! }
  type Media { cid: CID! url: String! mediaType: String! width: Int! height: Int! alt: String! thumbnail: Thumbnail! }
  type Thumbnail { cid: CID! url: String! width: Int! height: Int! }
  type Rating { count: Int! average: Float }
  type ListingVersion {
    id: Bytes32!
    version: UInt256!
    metadataCid: CID!
    price: UInt256!
    token: Address!
    quantity: UInt256!
    remaining: UInt256!
    "Per-customer limit of this version; null when unlimited."
    maxPerBuyer: UInt256
    status: String!
    validFrom: Timestamp!
    validUntil: Timestamp!
    supersedes: Bytes32
    publishedBlock: Int!
    publishedAt: Timestamp!
    txHash: String!
  }
  type Review {
    orderId: UInt256!
    buyer: Address!
    rating: Int!
    reviewCid: CID!
    text: String
    title: String
    txHash: String!
    blockNumber: Int!
    postedAt: Timestamp!
  }
`;

type ListingDocument = Partial<
  Pick<ListingMetadata, "description" | "attributes" | "shippingRegions" | "shippingCosts" | "returnPolicy">
>;
/**
 * What a product page adds to the card: the listing's document, read by its CID (from memory when kept, without
 * waiting for the loader's batch); none unless it is OK. The document's own status decides, not the row's: a read
 * model row can lag the document it names.
 */
async function listingDocument(
  listing: ListingRow,
  context: ApiContext,
  documents: DocumentsService,
): Promise<ListingDocument> {
  const row = documents.resolved(listing.metadataCid) ?? (await context.loaders.document.load(listing.metadataCid));
  return (row?.status === "OK" ? (row.document ?? {}) : {}) as ListingDocument;
}
/** A listing's per-buyer limit as the schema has it: 0 on chain means none. */
const unlimitedAsNull = (maxPerBuyer: string) => (maxPerBuyer === "0" ? null : maxPerBuyer);
const productKey = (listing: ListingRow) => `${listing.merchant}:${listing.sku}`;

const listingsResolvers = (listings: ListingsService, documents: DocumentsService) => ({
  Query: {
    listings: (_: unknown, args: ListingSearch) => listings.search(args),
    listing: (_: unknown, args: { id: string }) => listings.byId(args.id),
  },
  Listing: {
    id: (listing: ListingRow) => listing.listingId,
    merchant: (listing: ListingRow, _: unknown, context: ApiContext) => context.loaders.merchant.load(listing.merchant),
    title: (listing: ListingRow) => listing.title,
    description: async (listing: ListingRow, _: unknown, context: ApiContext) =>
      (await listingDocument(listing, context, documents)).description ?? null,
    categoryPath: (listing: ListingRow) => listing.categoryPath,
    attributes: async (listing: ListingRow, _: unknown, context: ApiContext) =>
      (await listingDocument(listing, context, documents)).attributes ?? [],
    media: (listing: ListingRow) =>
      listing.images.map((image) => ({
        ...image,
        url: documents.gatewayUrl(image.cid),
        thumbnail: { ...image.thumbnail, url: documents.gatewayUrl(image.thumbnail.cid) },
      })),
    stock: (listing: ListingRow) => listing.remaining,
    maxPerBuyer: (listing: ListingRow) => unlimitedAsNull(listing.maxPerBuyer),
    inStock: (listing: ListingRow) => BigInt(listing.remaining) > 0n,
    rating: (listing: ListingRow) => ({
      count: listing.reviewCount,
      average: listing.reviewCount ? listing.ratingSum / listing.reviewCount : null,
    }),
    versions: (listing: ListingRow, _: unknown, context: ApiContext) =>
      context.loaders.listingVersions.load(productKey(listing)),
    reviews: (listing: ListingRow, _: unknown, context: ApiContext) =>
      context.loaders.listingReviews.load(productKey(listing)),
    items: (listing: ListingRow, _: unknown, context: ApiContext) =>
      context.loaders.listingItems.load(productKey(listing)),
    shipping: async (listing: ListingRow, _: unknown, context: ApiContext) => {
      const { shippingRegions, shippingCosts, returnPolicy } = await listingDocument(listing, context, documents);
      if (!shippingRegions || !returnPolicy) return null;
      const regions = shippingRegions.map((country) => ({ country, cost: shippingCosts?.[country] ?? "0" }));
      return { regions, returnPolicy: { notes: null, ...returnPolicy } };
    },
  },
  ListingVersion: {
    maxPerBuyer: (version: { maxPerBuyer: string }) => unlimitedAsNull(version.maxPerBuyer),
  },
  Review: {
    title: async (review: { reviewCid: string }, _: unknown, context: ApiContext) =>
      reviewText(await context.loaders.document.load(review.reviewCid)).title,
    text: async (review: { reviewCid: string }, _: unknown, context: ApiContext) =>
      reviewText(await context.loaders.document.load(review.reviewCid)).body,
  },
});

function reviewText(document: { status: string; document: unknown } | undefined): {
  title: string | null;
  body: string | null;
} {
  const body = document?.status === "OK" ? (document.document as { title?: string; body?: string }) : {};
  return { title: body.title ?? null, body: body.body ?? null };
}

@GraphqlSchemaPart()
@Injectable()
export class ListingsResolver implements SchemaPart {
  readonly typeDefs = listingsTypeDefs;
  readonly resolvers;

  constructor(
    @Inject(ListingsService) listings: ListingsService,
    @Inject(DocumentsService) documents: DocumentsService,
  ) {
    this.resolvers = listingsResolvers(listings, documents);
  }
}
