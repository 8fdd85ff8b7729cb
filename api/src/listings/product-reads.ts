import { asc, eq, sql } from "drizzle-orm";
import { listingVersions, orderLines, provenanceItems, reviews } from "#indexer/store/schema.ts";
import type { Database } from "../database.ts";

/** The rows of the products whose keys come as two arrays in step: `merchants` and `skus`. */
const OF_PRODUCTS = sql`(${listingVersions.merchant}, ${listingVersions.sku}) in
  (select * from unnest(${sql.placeholder("merchants")}::text[], ${sql.placeholder("skus")}::numeric[]))`;

/**
 * A product page's reads by product key `merchant:sku`, each a statement PostgreSQL parses once per connection: the
 * keys go in as arrays, so its text is the same whatever the batch's size (see preparedRows).
 */
export function productReads(database: Database) {
  const { db } = database;
  const versions = db
    .select()
    .from(listingVersions)
    .where(OF_PRODUCTS)
    .orderBy(asc(listingVersions.publishedBlock), asc(listingVersions.version))
    .prepare("versions_of_products");
  const productReviews = db
    .selectDistinct({ review: reviews, merchant: listingVersions.merchant, sku: listingVersions.sku })
    .from(reviews)
    .innerJoin(orderLines, eq(orderLines.orderId, reviews.orderId))
    .innerJoin(listingVersions, eq(listingVersions.id, orderLines.listingId))
    .where(OF_PRODUCTS)
    .orderBy(asc(reviews.blockNumber))
    .prepare("reviews_of_products");
  const items = db
    .select({ item: provenanceItems, merchant: listingVersions.merchant, sku: listingVersions.sku })
    .from(provenanceItems)
    .innerJoin(listingVersions, eq(listingVersions.id, provenanceItems.listingId))
    .where(OF_PRODUCTS)
    .orderBy(asc(provenanceItems.registeredBlock), asc(provenanceItems.id))
    .prepare("items_of_products");
  return {
    /** Every version of each product, oldest first. */
    versions: async (keys: readonly string[]) => groupedBy(keys, await versions.execute(keyArrays(keys)), (row) => row),
    /** The reviews of orders that bought any version of each product. */
    reviews: async (keys: readonly string[]) =>
      groupedBy(keys, await productReviews.execute(keyArrays(keys)), (row) => row.review),
    /** The physical items (provenance) registered against any version of each product. */
    items: async (keys: readonly string[]) => groupedBy(keys, await items.execute(keyArrays(keys)), (row) => row.item),
  };
}

function keyArrays(keys: readonly string[]): { merchants: string[]; skus: string[] } {
  const split = keys.map((key) => key.split(":"));
  return { merchants: split.map(([merchant]) => merchant), skus: split.map(([, sku]) => sku) };
}

/** For each product key `merchant:sku`, what `pick` takes from its rows, in row order. */
function groupedBy<Row extends { merchant: string; sku: string | bigint }, T>(
  keys: readonly string[],
  rows: Row[],
  pick: (row: Row) => T,
): T[][] {
  const groups = new Map(keys.map((key) => [key, [] as T[]]));
  for (const row of rows) groups.get(`${row.merchant}:${row.sku}`)?.push(pick(row));
  return keys.map((key) => groups.get(key)!);
}
