import { Inject, Injectable } from "@nestjs/common";
import { requireSession } from "../auth/guard.ts";
import type { ApiContext } from "../common/context.ts";
import { countWhenAsked } from "../common/keyset-cursor.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import type { TrackingDocument } from "#sdk/metadata/tracking.ts";
import { trackingUrl } from "./carrier-links.ts";
import { OrdersService, type OrderRole, type OrderRow } from "./orders.service.ts";
import { PrepareOrderService, type PrepareOrderInput } from "./prepare-order.service.ts";

const ordersTypeDefs = /* GraphQL */ `
  enum OrderRole { BUYER MERCHANT ANY }
  enum OrderStatus { Placed Accepted Shipped Disputed Completed Cancelled Rejected Refunded Reclaimed Resolved }

  type Query {
    """
    The signed-in account's orders (as buyer, merchant or either); auditors and arbiters see every order
    with role ANY.
    """
    orders(role: OrderRole = ANY, status: OrderStatus, first: Int = 20, after: String): OrderConnection!
    "One order, for its buyer or merchant, or an auditor or arbiter."
    order(id: UInt256!): Order!
    """
    Checks lines against the current listings (stock, price, validity, one merchant and token) and returns
    what the wallet sends or signs.
    """
    prepareOrder(input: PrepareOrderInput!): PreparedOrder!
  }

  input PrepareOrderInput {
    buyer: Address!
    lines: [OrderLineInput!]!
    "CID of the shipping details, encrypted for the merchant's key."
    shippingCid: CID!
    """
    Destination country (ISO 3166-1 alpha-2), the one sealed in the shipping details: every listing must ship there,
    and the highest of their rates to it is the order's shipping charge.
    """
    shipTo: String!
    "Highest total the buyer accepts; defaults to the current total."
    maxTotal: UInt256
    "Also return EIP-712 typed data of an OrderIntent for a relayer (ERC-20 listings only)."
    intent: IntentInput
    "A voucher code of the merchant (publishVoucher); refused, naming why, when the escrow would refuse it."
    voucherCode: String
  }
  input OrderLineInput { listingId: Bytes32! quantity: UInt256! }
  input IntentInput { nonce: UInt256! deadline: Timestamp! }

  type PreparedOrder {
    merchant: Address!
    token: Address!
    "The lines' sum before the voucher."
    subtotal: UInt256!
    "What the voucher takes off (0 without one)."
    discount: UInt256!
    "The shipping charge to shipTo (0 where it ships free), not discounted."
    shipping: UInt256!
    "What the buyer pays: subtotal less discount, plus shipping."
    total: UInt256!
    "Native currency to send with placeOrder (0 for ERC-20 orders, which approve the escrow for total instead)."
    value: UInt256!
    escrow: Address!
    lines: [PreparedLine!]!
    "The OrderRequest argument of OrderEscrow.placeOrder, uints as decimal strings."
    request: JSON!
    """
    The SignedVoucher argument ({ voucher, signature }) of placeOrderWithVoucher, placeOrderWithPermit and
    placeOrderFor, when a voucher code was given; place without it and the escrow charges the full subtotal.
    """
    voucher: JSON
    "EIP-712 typed data (domain, types, primaryType, message) of the OrderIntent, when an intent was asked for."
    typedData: JSON
  }
  type PreparedLine { listingId: Bytes32! quantity: UInt256! unitPrice: UInt256! subtotal: UInt256! }

  type OrderConnection { edges: [OrderEdge!]! nodes: [Order!]! pageInfo: PageInfo! totalCount: Int! }
  type OrderEdge { node: Order! cursor: String! }

  type Order {
    id: UInt256!
    buyer: Address!
    merchant: Merchant!
    token: Address!
    total: UInt256!
    refunded: UInt256!
    feeBps: Int!
    status: OrderStatus!
    "CID of the shipping details, encrypted for the merchant: only the merchant's key opens it."
    shippingCid: CID!
    "The shipping charge the buyer agreed to, part of total."
    shipping: UInt256!
    "CID of the tracking document the merchant stored when it shipped."
    trackingCid: CID
    "The parcel's carrier and number, once the indexer resolved a valid tracking document; null before and if invalid."
    tracking: Tracking
    shipBy: Timestamp!
    confirmBy: Timestamp
    voucherId: Bytes32
    discount: UInt256
    placedBlock: Int!
    "Time of the block that placed the order."
    placedAt: Timestamp!
    txHash: String!
    lines: [OrderLine!]!
    timeline: [OrderEvent!]!
    dispute: Dispute
    settlement: Settlement
    "The OrderTerms every later escrow call passes back."
    terms: JSON!
    "Physical items packed for this order (provenance) and the containers they were packed into."
    items: [Item!]!
  }
  type Tracking {
    carrier: String!
    trackingNumber: String!
    "The parcel's tracking page (http or https): the merchant's own link, else the known carrier's, else null."
    url: String
  }
  type OrderLine { line: Int! listingId: Bytes32! quantity: UInt256! listing: Listing }
  type OrderEvent {
    event: String!
    status: OrderStatus!
    data: JSON!
    blockNumber: Int!
    logIndex: Int!
    txHash: String!
    "Time of the transition's block."
    at: Timestamp!
  }
  type Dispute {
    evidenceCid: CID!
    ruleBy: Timestamp!
    openedBlock: Int!
    openedAt: Timestamp!
    arbiter: Address
    buyerAmount: UInt256
    rulingCid: CID
    resolvedBlock: Int
    resolvedAt: Timestamp
  }
  type Settlement {
    payout: Address!
    merchantAmount: UInt256!
    buyerAmount: UInt256!
    feeAmount: UInt256!
    txHash: String!
    blockNumber: Int!
    settledAt: Timestamp!
  }
`;

const ordersResolvers = (orders: OrdersService, prepareOrder: PrepareOrderService) => ({
  Query: {
    orders: async (
      _: unknown,
      args: { role?: OrderRole; status?: string; first?: number; after?: string },
      context: ApiContext,
    ) => orders.list(await requireSession(context), args),
    order: async (_: unknown, args: { id: string }, context: ApiContext) =>
      orders.byId(await requireSession(context), args.id),
    prepareOrder: (_: unknown, args: { input: PrepareOrderInput }) => prepareOrder.prepare(args.input),
  },
  OrderConnection: { totalCount: countWhenAsked },
  Order: {
    merchant: (order: OrderRow, _: unknown, context: ApiContext) => context.loaders.merchant.load(order.merchant),
    lines: (order: OrderRow, _: unknown, context: ApiContext) => context.loaders.orderLines.load(order.id),
    timeline: (order: OrderRow, _: unknown, context: ApiContext) => context.loaders.orderTimeline.load(order.id),
    dispute: (order: OrderRow, _: unknown, context: ApiContext) => context.loaders.dispute.load(order.id),
    settlement: (order: OrderRow, _: unknown, context: ApiContext) => context.loaders.settlement.load(order.id),
    items: (order: OrderRow, _: unknown, context: ApiContext) => context.loaders.orderItems.load(order.id),
    tracking: async (order: OrderRow, _: unknown, context: ApiContext) => {
      if (!order.trackingCid) return null;
      const document = await context.loaders.document.load(order.trackingCid);
      if (document?.status !== "OK" || document.kind !== "tracking") return null;
      const tracking = document.document as TrackingDocument;
      return { carrier: tracking.carrier, trackingNumber: tracking.trackingNumber, url: trackingUrl(tracking) };
    },
  },
  OrderLine: {
    listing: async (line: { listingId: string }, _: unknown, context: ApiContext) =>
      (await context.loaders.listing.load(line.listingId)) ?? null,
  },
});

@GraphqlSchemaPart()
@Injectable()
export class OrdersResolver implements SchemaPart {
  readonly typeDefs = ordersTypeDefs;
  readonly resolvers;

  constructor(
    @Inject(OrdersService) orders: OrdersService,
    @Inject(PrepareOrderService) prepareOrder: PrepareOrderService,
  ) {
    this.resolvers = ordersResolvers(orders, prepareOrder);
  }
}
