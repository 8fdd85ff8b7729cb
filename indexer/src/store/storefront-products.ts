import { sql } from "drizzle-orm";
import type { Db, Tx } from "./db.ts";
import { listings, listingVersions, ratingAggregates } from "./schema.ts";
import type { Store } from "./store.ts";

/** What changed under some products: their keys, ids of their listing versions, CIDs of their listing documents. */
export interface ProductChanges {
  products?: { merchant: string; sku: string }[];
  listingIds?: string[];
  metadataCids?: string[];
}

/** The products whose storefront rows a batch's writes may have changed: by key, and by any version's listing id. */
export function batchProductChanges(store: Store): Required<Pick<ProductChanges, "products" | "listingIds">> {
  const ratedListings = store
    .changed(ratingAggregates)
    .flatMap((row) => (row.subjectType === "listing" ? [row.subject] : []));
  return {
    products: store.changed(listings).map(({ merchant, sku }) => ({ merchant, sku })),
    listingIds: [...store.changed(listingVersions).map((row) => row.id), ...ratedListings],
  };
}

/** The read model's columns but its generated search vector; merchant and sku are the key. */
const COLUMN_NAMES = [
  "merchant",
  "sku",
  "listing_id",
  "status",
  "price",
  "token",
  "remaining",
  "published_block",
  "version",
  "metadata_cid",
  "quantity",
  "max_per_buyer",
  "valid_from",
  "valid_until",
  "counter",
  "published_at",
  "title",
  "category_path",
  "metadata_status",
  "images",
  "search_text",
  "review_count",
  "rating_sum",
  "rating",
];
const COLUMNS = sql.raw(COLUMN_NAMES.map((column) => `"${column}"`).join(", "));
const UPDATES = sql.raw(
  COLUMN_NAMES.slice(2)
    .map((column) => `"${column}" = excluded."${column}"`)
    .join(", "),
);

/**
 * Rewrites the storefront_products rows of every product `changes` names from their source
 * (the storefront_product_source view over the chain tables and listing documents), and drops the rows of
 * products that no longer exist (undone by a reorg). Call it inside the transaction that made the changes.
 * Returns the products it rewrote or dropped: each one whose row the API serves may have changed.
 */
export async function refreshStorefrontProducts(
  db: Db | Tx,
  changes: ProductChanges,
): Promise<{ merchant: string; sku: string }[]> {
  const products = changes.products ?? [];
  const listingIds = changes.listingIds ?? [];
  const metadataCids = changes.metadataCids ?? [];
  if (products.length + listingIds.length + metadataCids.length === 0) return [];
  const touched = sql`select merchant, sku from json_to_recordset(${JSON.stringify(products)}::json)
        as x(merchant text, sku numeric)
      union select merchant, sku from listing_versions
        where id in (select json_array_elements_text(${JSON.stringify(listingIds)}::json))
      union select merchant, sku from listings
        where metadata_cid in (select json_array_elements_text(${JSON.stringify(metadataCids)}::json))`;
  // The documents these products name, held against the metadata resolver's write until this transaction ends. Else,
  // on PostgreSQL, a batch pointing a product at a document the resolver is marking OK at that moment reads it as
  // pending, while the resolver's own rewrite does not see the product yet: the row would stay without its document.
  // A statement of its own, so that the rewrite below reads after any wait here, with a snapshot taken after it.
  await db.execute(sql`select m.cid from metadata_documents m join listings l on l.metadata_cid = m.cid
    where (l.merchant, l.sku) in (${touched}) for share of m`);
  const result = await db.execute(sql`with touched as (${touched}), gone as (
      delete from storefront_products p using touched t
      where p.merchant = t.merchant and p.sku = t.sku
        and not exists (select 1 from listings l where l.merchant = t.merchant and l.sku = t.sku)
    ), rewritten as (
      insert into storefront_products (${COLUMNS})
      select ${COLUMNS} from storefront_product_source s
      where (s.merchant, s.sku) in (select merchant, sku from touched)
      on conflict (merchant, sku) do update set ${UPDATES}
    )
    select distinct merchant, sku::text as sku from touched`);
  return (result as unknown as { rows: { merchant: string; sku: string }[] }).rows;
}

/**
 * The rows where storefront_products differs from a full recompute of its source, each with `drift`: "stale"
 * (missing or different in the read model) or "extra" (a row the source no longer has). Empty when exact.
 */
export async function storefrontDrift(db: Db): Promise<Record<string, unknown>[]> {
  const differences = sql`(select 'stale' as drift, * from (
      select ${COLUMNS} from storefront_product_source except select ${COLUMNS} from storefront_products) s)
    union all
    (select 'extra' as drift, * from (
      select ${COLUMNS} from storefront_products except select ${COLUMNS} from storefront_product_source) e)`;
  const result = (await db.execute(differences)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}

/** Rebuilds every storefront_products row from its source: for data written outside the indexer's batches (seeds). */
export async function rebuildStorefrontProducts(db: Db): Promise<void> {
  await db.execute(sql`delete from storefront_products`);
  await db.execute(sql`insert into storefront_products (${COLUMNS}) select ${COLUMNS} from storefront_product_source`);
}
