import type { Address, Hex } from "viem";
import type { OrderTermsJson } from "../../../../sdk/order-terms.ts";

export type OrderStatus =
  | "Placed"
  | "Accepted"
  | "Shipped"
  | "Disputed"
  | "Completed"
  | "Cancelled"
  | "Rejected"
  | "Refunded"
  | "Reclaimed"
  | "Resolved";

export interface Order {
  id: string;
  status: OrderStatus;
  total: string;
  refunded: string;
  token: Address;
  shipBy: string;
  confirmBy: string | null;
  trackingCid: string | null;
  tracking: { carrier: string; trackingNumber: string; url: string | null } | null;
  txHash: Hex;
  merchant: { address: Address; profile: { name: string } | null };
  lines: {
    quantity: string;
    listingId: Hex;
    listing: { title: string | null; media: { thumbnail: { url: string } }[] } | null;
  }[];
  timeline: { event: string; status: OrderStatus; txHash: Hex; blockNumber: number }[];
  dispute: { evidenceCid: string; ruleBy: string; buyerAmount: string | null } | null;
  terms: OrderTermsJson;
}

const ORDER_FIELDS = /* GraphQL */ `
  id status total refunded token shipBy confirmBy trackingCid txHash
  tracking { carrier trackingNumber url }
  merchant { address profile { name } }
  lines { quantity listingId listing { title media { thumbnail { url } } } }
  timeline { event status txHash blockNumber }
  dispute { evidenceCid ruleBy buyerAmount }
  terms
`;

export const MY_ORDERS_QUERY = /* GraphQL */ `
  query MyOrders($after: String) {
    orders(role: BUYER, first: 20, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { ${ORDER_FIELDS} }
    }
  }
`;

export const ORDER_QUERY = /* GraphQL */ `query Order($id: UInt256!) { order(id: $id) { ${ORDER_FIELDS} } }`;

export const ORDER_UPDATED = /* GraphQL */ `
  subscription OrderUpdated($id: UInt256!) { orderUpdated(id: $id) { ${ORDER_FIELDS} } }
`;

/** Orders that are over: nothing will change them any more. */
export const FINAL_STATUSES: readonly OrderStatus[] = [
  "Completed",
  "Cancelled",
  "Rejected",
  "Refunded",
  "Reclaimed",
  "Resolved",
];
