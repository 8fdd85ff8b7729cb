import { allowedTokens, listings, listingVersions } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import type { ChainEvent, ContractHandlers } from "./types.ts";
import { dec, hex, num, required, ZERO_BYTES32 } from "./values.ts";

type Version = typeof listingVersions.$inferSelect;

/** Changes one version and, when it is its product's current version, the product row too. */
export async function updateListingVersion(
  store: Store,
  event: ChainEvent,
  listingId: string,
  patch: Partial<Pick<Version, "remaining" | "status">>,
): Promise<void> {
  const version = required(await store.get(listingVersions, { id: listingId }), "listing", event);
  await store.put(listingVersions, { ...version, ...patch, blockNumber: event.blockNumber });
  const product = await store.get(listings, { merchant: version.merchant, sku: version.sku });
  if (product?.listingId === listingId)
    await store.put(listings, { ...product, ...patch, blockNumber: event.blockNumber });
}

export const listingRegistryHandlers: ContractHandlers<"ListingRegistry"> = {
  async ListingPublished(event, store) {
    const { listing } = event.args;
    const id = hex(event.args.listingId);
    const supersedes = hex(event.args.supersedes);
    const row: Version = {
      id,
      merchant: hex(listing.merchant),
      sku: dec(listing.sku),
      version: dec(listing.version),
      metadataCid: listing.metadataCid,
      price: dec(listing.price),
      token: hex(listing.token),
      quantity: dec(listing.quantity),
      remaining: dec(listing.quantity),
      maxPerBuyer: dec(listing.maxPerBuyer),
      validFrom: num(listing.validFrom),
      validUntil: num(listing.validUntil),
      counter: dec(listing.counter),
      status: "Active",
      supersedes: supersedes === ZERO_BYTES32 ? null : supersedes,
      publishedBlock: event.blockNumber,
      publishedAt: event.blockTimestamp,
      txHash: event.txHash,
      blockNumber: event.blockNumber,
    };
    if (row.supersedes) await updateListingVersion(store, event, row.supersedes, { status: "Superseded" });
    store.insert(listingVersions, row);
    await store.put(listings, {
      merchant: row.merchant,
      sku: row.sku,
      listingId: id,
      version: row.version,
      metadataCid: row.metadataCid,
      price: row.price,
      token: row.token,
      remaining: row.remaining,
      status: row.status,
      blockNumber: event.blockNumber,
    });
    store.requestMetadata(row.metadataCid, "listing");
  },
  async ListingCancelled(event, store) {
    await updateListingVersion(store, event, hex(event.args.listingId), { status: "Cancelled" });
  },
  async ListingStockSet(event, store) {
    await updateListingVersion(store, event, hex(event.args.listingId), { remaining: dec(event.args.remaining) });
  },
  async ListingStockReleased(event, store) {
    await updateListingVersion(store, event, hex(event.args.listingId), { remaining: dec(event.args.remaining) });
  },
  async ListingTokenAllowed(event, store) {
    await store.put(allowedTokens, {
      token: hex(event.args.token),
      allowed: event.args.allowed,
      blockNumber: event.blockNumber,
    });
  },
};
