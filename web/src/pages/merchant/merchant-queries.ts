import type { Address, Hex } from "viem";
import type { OrderStatus } from "../../lib/orders/order-queries.ts";

export interface MerchantAccount {
  address: Address;
  status: "Applied" | "Approved" | "Rejected" | "Suspended";
  profile: { name: string } | null;
}

export interface MerchantOrder {
  id: string;
  status: OrderStatus;
  total: string;
  refunded: string;
  token: Address;
  placedAt: string;
  shipBy: string;
  dispute: { buyerAmount: string | null } | null;
  lines: { quantity: string; listing: { title: string | null } | null }[];
}

export interface MerchantListing {
  id: Hex;
  title: string | null;
  stock: string;
  quantity: string;
  status: string;
}

export const MERCHANT_QUERY = /* GraphQL */ `
  query Merchant($address: Address!) { merchant(address: $address) { address status profile { name } } }
`;

/** The largest page the API serves by default (MAX_PAGE_SIZE). */
export const PAGE_SIZE = 100;

export const MERCHANT_ORDERS_QUERY = /* GraphQL */ `
  query MerchantOrders($first: Int!) {
    orders(role: MERCHANT, first: $first) {
      totalCount
      nodes {
        id status total refunded token placedAt shipBy dispute { buyerAmount } lines { quantity listing { title } }
      }
    }
  }
`;

export const MERCHANT_LISTINGS_QUERY = /* GraphQL */ `
  query MerchantListings($merchant: Address!, $first: Int!) {
    listings(filter: { merchant: $merchant }, orderBy: NEWEST, first: $first) {
      totalCount
      nodes { id title stock quantity status }
    }
  }
`;
