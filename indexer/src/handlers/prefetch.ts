import type { ContractName } from "../../../sdk/contracts.ts";
import { disputes, listings, listingVersions, orders, provenanceItems, voucherRedemptions } from "../store/schema.ts";
import type { ContractPrefetch, Prefetch } from "./types.ts";
import { dec, hex, hexList, ZERO_BYTES32 } from "./values.ts";

// The reads of the frequent events, declared so a batch loads them in one query per table instead of
// one round trip per row. Rows created earlier in the same batch are found in memory anyway.

const order: Prefetch = (event) => [[orders, { id: dec(event.args.orderId) }]];
const version: Prefetch = (event) => [[listingVersions, { id: hex(event.args.listingId) }]];
const item: Prefetch = (event) => [[provenanceItems, { id: hex(event.args.itemId) }]];
const children: Prefetch = (event) => hexList(event.args.childIds).map((id) => [provenanceItems, { id }]);

const PREFETCH: { readonly [C in ContractName]?: ContractPrefetch<C> } = {
  ListingRegistry: {
    ListingPublished(event) {
      const { listing } = event.args;
      const supersedes = hex(event.args.supersedes);
      const reads: ReturnType<Prefetch> = [[listings, { merchant: hex(listing.merchant), sku: dec(listing.sku) }]];
      if (supersedes !== ZERO_BYTES32) reads.push([listingVersions, { id: supersedes }]);
      return reads;
    },
    ListingCancelled: version,
    ListingStockSet: version,
    ListingStockReleased: version,
  },
  OrderEscrow: {
    OrderPlaced(event) {
      const { lines } = event.args.terms;
      const reads: ReturnType<Prefetch> = [[voucherRedemptions, { orderId: dec(event.args.orderId) }]];
      for (const line of lines) reads.push([listingVersions, { id: hex(line.listingId) }]);
      return reads;
    },
    OrderAccepted: order,
    OrderRejected: order,
    OrderCancelled: order,
    OrderShipped: order,
    OrderCompleted: order,
    OrderReclaimed: order,
    OrderRefunded: order,
    OrderDisputed: order,
    OrderResolved: (event) => [...order(event), [disputes, { orderId: dec(event.args.orderId) }]],
    OrderSettled: order,
  },
  Reviews: { ReviewPosted: order },
  Provenance: {
    CustodyHandoffInitiated: item,
    CustodyHandoffAccepted: item,
    ItemsAggregated: children,
    ItemsDisaggregated: children,
    ItemsTransformed: (event) => hexList(event.args.inputIds).map((id) => [provenanceItems, { id }]),
  },
};

/** The reads to load before an event's handler runs, if any. */
export function prefetchOf(contract: ContractName, name: string): Prefetch | undefined {
  return (PREFETCH[contract] as Readonly<Record<string, Prefetch>> | undefined)?.[name];
}
