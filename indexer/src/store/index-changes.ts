import { lt, sql } from "drizzle-orm";
import type { Tx } from "./db.ts";
import { indexChanges, listings, merchants, orders, provenanceItems } from "./schema.ts";
import { bulkInsert, type Store } from "./store.ts";
import { batchProductChanges } from "./storefront-products.ts";

export type ChangeKind = "listing" | "product" | "merchant" | "order" | "item" | "table" | "all";
export type IndexChange = { kind: ChangeKind; key: string };

/** How many change rows are kept: readers that fell further behind evict everything. */
export const KEPT_CHANGES = 100_000;
/** A batch that changed more entities than this (a backfill) is recorded as `all`: readers evict everything. */
export const MAX_CHANGES_PER_BATCH = 1_000;
/** The advisory lock writers of the change log hold from their first change row to their commit. */
const INDEX_CHANGES_LOCK = 0x636c6f67; // "clog"

/** Tables whose rows are the entities of a change kind: reported by entity, not by table. */
const ENTITY_TABLES = new Set([
  "listings",
  "listing_versions",
  "rating_aggregates",
  "merchants",
  "orders",
  "provenance_items",
]);

/**
 * What a batch's writes changed: the listings, merchants, orders and items it touched, and the other tables it wrote.
 */
export function batchChanges(store: Store): IndexChange[] {
  const listingIds = [...store.changed(listings).map((row) => row.listingId), ...batchProductChanges(store).listingIds];
  return [
    ...listingIds.map((key) => ({ kind: "listing" as const, key })),
    ...store.changed(merchants).map((row) => ({ kind: "merchant" as const, key: row.address })),
    ...store.changed(orders).map((row) => ({ kind: "order" as const, key: row.id })),
    ...store.changed(provenanceItems).map((row) => ({ kind: "item" as const, key: row.id })),
    ...store
      .written()
      .filter((table) => !ENTITY_TABLES.has(table))
      .map((key) => ({ kind: "table" as const, key })),
  ];
}

/** The change of each product a batch touched, keyed `merchant:sku`: what a cache of product rows evicts. */
export const productChanges = (products: { merchant: string; sku: string }[]): IndexChange[] =>
  products.map(({ merchant, sku }) => ({ kind: "product", key: `${merchant}:${sku}` }));

/**
 * Appends `changes` (duplicates dropped; past MAX_CHANGES_PER_BATCH, one `all`) and forgets all but the last
 * KEPT_CHANGES.
 */
export async function recordChanges(tx: Tx, changes: IndexChange[]): Promise<void> {
  let unique = [...new Map(changes.map((change) => [`${change.kind}:${change.key}`, change])).values()];
  if (unique.length === 0) return;
  // A product change comes with its listing's: the bound counts entities, not both names of one.
  const entities = unique.filter((change) => change.kind !== "product").length;
  if (entities > MAX_CHANGES_PER_BATCH) unique = [{ kind: "all", key: `${unique.length} changes` }];
  // Writers take turns until they commit, so the log's ids commit in order: a reader that has seen id N never
  // misses a smaller id committed after it (the batch and the metadata resolver write concurrently on PostgreSQL).
  await tx.execute(sql`select pg_advisory_xact_lock(${INDEX_CHANGES_LOCK})`);
  await bulkInsert(tx, indexChanges, unique, { ignore: true });
  await tx.delete(indexChanges).where(lt(indexChanges.id, sql`(select max(id) from index_changes) - ${KEPT_CHANGES}`));
}
