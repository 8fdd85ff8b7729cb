import { getAddress, type Address, type Hex } from "viem";
import type { OrderTerms } from "../../../sdk/eip712.ts";
import { ApiError, type GraphqlClient } from "./graphql.ts";
import type { Identity } from "./identity.ts";
import type { Order, PublishedListing, Reader, SyncStatus } from "./reader.ts";

const PAGE = 100;

export interface ApiOrder {
  id: string;
  status: Order["status"];
  shippingCid: string;
  shipping: string;
  shipBy: string;
  confirmBy: string | null;
  placedBlock: number;
  terms: {
    buyer: string;
    merchant: string;
    token: string;
    total: string;
    feeBps: number;
    treasury: string;
    lines: { listingId: Hex; quantity: string }[];
  };
  dispute: { ruleBy: string } | null;
}

interface ApiListing {
  id: Hex;
  sku: string;
  version: string;
  metadataCid: string;
  price: string;
  token: string;
  quantity: string;
  maxPerBuyer: string | null;
  stock: string;
  status: PublishedListing["status"];
  validFrom: string;
  validUntil: string;
}

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const ORDER_FIELDS = "id status shippingCid shipping shipBy confirmBy placedBlock terms dispute { ruleBy }";
const seconds = (timestamp: string) => Math.floor(Date.parse(timestamp) / 1000);

/** An order as the API answers it (ORDER_FIELDS), in the shape the chain reader gives. */
export function toOrder(row: ApiOrder): Order {
  const terms: OrderTerms = {
    buyer: getAddress(row.terms.buyer),
    merchant: getAddress(row.terms.merchant),
    token: getAddress(row.terms.token),
    total: BigInt(row.terms.total),
    feeBps: row.terms.feeBps,
    treasury: getAddress(row.terms.treasury),
    lines: row.terms.lines.map((line) => ({ listingId: line.listingId, quantity: BigInt(line.quantity) })),
  };
  const deadline =
    row.status === "Placed" || row.status === "Accepted"
      ? seconds(row.shipBy)
      : row.status === "Shipped" && row.confirmBy
        ? seconds(row.confirmBy)
        : row.status === "Disputed" && row.dispute
          ? seconds(row.dispute.ruleBy)
          : 0;
  return {
    orderId: BigInt(row.id),
    terms,
    shipBy: seconds(row.shipBy),
    shippingCid: row.shippingCid,
    shipping: BigInt(row.shipping),
    status: row.status,
    deadline,
    placedInBlock: BigInt(row.placedBlock),
  };
}

/**
 * The reads a merchant browses (orders, active listings, indexer progress) served by the GraphQL API,
 * as the issue asks; everything else, and whatever the API cannot answer, from `onChain`.
 *
 * Orders need a SIWE session: the CLI signs in with its own key, so a hot signer acting for a merchant
 * (MERCHANT_ADDRESS) cannot see the merchant's orders through the API and reads them from chain logs.
 * An order the API does not know yet (the indexer is a moment behind) is looked up on chain too.
 */
export function apiReader(onChain: Reader, api: GraphqlClient, identity: Identity, sync: SyncStatus): Reader {
  const signsForItself = identity.account.address === identity.merchant;
  let session: Promise<string> | undefined;
  const signedIn = () => (session ??= api.signIn(identity.account));

  async function order(orderId: bigint): Promise<Order> {
    if (!signsForItself) return onChain.order(orderId);
    await signedIn();
    try {
      const { order: row } = await api.request<{ order: ApiOrder }>(
        `query($id: UInt256!) { order(id: $id) { ${ORDER_FIELDS} } }`,
        { id: orderId.toString() },
      );
      return toOrder(row);
    } catch (error) {
      if (error instanceof ApiError && error.code === "NOT_FOUND") return onChain.order(orderId);
      if (error instanceof ApiError && error.code === "FORBIDDEN")
        throw new ApiError(`order ${orderId}: not an order of ${identity.merchant}`, error.code);
      throw error;
    }
  }

  async function ordersOf(merchantAddress: Address): Promise<Order[]> {
    if (!signsForItself || merchantAddress !== identity.merchant) return onChain.ordersOf(merchantAddress);
    await signedIn();
    const rows: ApiOrder[] = [];
    for (let after: string | null = null; ; ) {
      const { orders }: { orders: Page<ApiOrder> } = await api.request(
        `query($after: String) { orders(role: MERCHANT, first: ${PAGE}, after: $after) {
          nodes { ${ORDER_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      rows.push(...orders.nodes);
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    return rows.map(toOrder).sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
  }

  /**
   * The merchant's current, active versions (the API's catalogue); `listing list --all` reads every version from chain.
   */
  async function activeListingsOf(merchantAddress: Address): Promise<PublishedListing[]> {
    const rows: ApiListing[] = [];
    let counter = 0n;
    for (let after: string | null = null; ; ) {
      type Answer = { merchant: { counter: string; listings: Page<ApiListing> } };
      const { merchant }: Answer = await api
        .request<Answer>(
          `query($a: Address!, $after: String) { merchant(address: $a) {
          counter listings(first: ${PAGE}, after: $after) {
          nodes { id sku version metadataCid price token quantity maxPerBuyer stock status validFrom validUntil }
          pageInfo { hasNextPage endCursor } } } }`,
          { a: merchantAddress, after },
        )
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.code === "NOT_FOUND")
            return {
              merchant: { counter: "0", listings: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } },
            };
          throw error;
        });
      counter = BigInt(merchant.counter);
      rows.push(...merchant.listings.nodes);
      if (!merchant.listings.pageInfo.hasNextPage) break;
      after = merchant.listings.pageInfo.endCursor;
    }
    return rows
      .map((row) => ({
        listingId: row.id,
        status: row.status,
        remaining: BigInt(row.stock),
        listing: {
          merchant: merchantAddress,
          sku: BigInt(row.sku),
          version: BigInt(row.version),
          metadataCid: row.metadataCid,
          price: BigInt(row.price),
          token: getAddress(row.token),
          quantity: BigInt(row.quantity),
          maxPerBuyer: BigInt(row.maxPerBuyer ?? 0),
          validFrom: seconds(row.validFrom),
          validUntil: seconds(row.validUntil),
          counter,
        },
      }))
      .sort((a, b) => (a.listing.sku < b.listing.sku ? -1 : 1));
  }

  return { ...onChain, source: "api", syncStatus: async () => sync, order, ordersOf, activeListingsOf };
}
