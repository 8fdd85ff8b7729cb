import { type ListingShipping, SHIPPING_FIELDS } from "../../lib/shipping/shipping.ts";
import type { Address, Hex } from "viem";
import type { Connection } from "../../lib/graphql/useConnectionPages.ts";

export type ListingOrder = "RELEVANCE" | "PRICE_ASC" | "PRICE_DESC" | "NEWEST" | "RATING";

export interface ListingCardData {
  id: Hex;
  title: string | null;
  price: string;
  token: Address;
  stock: string;
  rating: { count: number; average: number | null };
  media: { url: string; alt: string; thumbnail: { url: string; width: number; height: number } }[];
  merchant: { address: Address; profile: { name: string } | null };
}

export interface ListingPage extends Connection<ListingCardData> {
  facets?: {
    categories: { category: string; count: number }[];
    prices: { token: Address; min: string; max: string; count: number }[];
  };
}

export const LISTINGS_QUERY = /* GraphQL */ `
  query Listings(
    $search: String, $filter: ListingFilter, $orderBy: ListingOrder, $first: Int, $after: String, $withFacets: Boolean!
  ) {
    listings(search: $search, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      facets @include(if: $withFacets) { categories { category count } prices { token min max count } }
      nodes {
        id title price token stock
        rating { count average }
        media { url alt thumbnail { url width height } }
        merchant { address profile { name } }
      }
    }
  }
`;

export interface ListingDetail extends ListingCardData {
  description: string | null;
  categoryPath: string[];
  attributes: { name: string; value: string }[];
  media: (ListingCardData["media"][number] & { width: number; height: number })[];
  status: string;
  metadataStatus: string;
  /** Units one customer may order of this version; null when unlimited. */
  maxPerBuyer: string | null;
  /** Null until the listing's document resolves. */
  shipping: ListingShipping | null;
  merchant: ListingCardData["merchant"] & {
    status: string;
    rating: { count: number; average: number | null };
    profile: { name: string; description: string | null; website: string | null; encryptionPublicKey: string } | null;
  };
  reviews: {
    orderId: string;
    buyer: Address;
    rating: number;
    title: string | null;
    text: string | null;
    txHash: string;
  }[];
}

export const LISTING_QUERY = /* GraphQL */ `
  query Listing($id: Bytes32!) {
    listing(id: $id) {
      id title description categoryPath price token stock maxPerBuyer status metadataStatus
      attributes { name value }
      rating { count average }
      media { url alt width height thumbnail { url width height } }
      merchant { address status rating { count average } profile { name description website encryptionPublicKey } }
      reviews { orderId buyer rating title text txHash }
      ${SHIPPING_FIELDS}
    }
  }
`;
