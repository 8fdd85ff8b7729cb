import type { RowIdentity } from "../common/row-cache.ts";
import { preparedRows, type Database, type PreparedStatement } from "../database.ts";

/** One product as the API serves it: its current version, live stock, metadata and rating. */
export interface ListingRow {
  listingId: string;
  merchant: string;
  sku: string;
  version: string;
  metadataCid: string;
  price: string;
  token: string;
  remaining: string;
  status: string;
  quantity: string;
  maxPerBuyer: string;
  validFrom: number;
  validUntil: number;
  counter: string;
  publishedBlock: number;
  publishedAt: number;
  metadataStatus: string;
  document: Record<string, unknown> | null;
  reviewCount: number;
  ratingSum: number;
}

/**
 * A product's current row, kept by current listing id until a change under its product (`merchant:sku`: a new
 * version, stock, status, its document, its rating; the indexer's `productChanges`).
 */
export const productRows: RowIdentity<ListingRow> = {
  typename: "Product",
  keyOf: (row) => row.listingId,
  entityIdOf: (row) => `${row.merchant}:${row.sku}`,
};

const LISTING_COLUMNS = `l.listing_id as "listingId", l.merchant, l.sku::text as sku, l.version::text as version,
  l.metadata_cid as "metadataCid",
  l.price::text as price, l.token, l.remaining::text as remaining, l.status, v.quantity::text as quantity,
  v.max_per_buyer::text as "maxPerBuyer",
  v.valid_from::float8 as "validFrom", v.valid_until::float8 as "validUntil", v.counter::text as counter,
  v.published_block::float8 as "publishedBlock", v.published_at::float8 as "publishedAt",
  coalesce(m.status, 'PENDING') as "metadataStatus", m.document,
  coalesce(p.review_count, 0) as "reviewCount", coalesce(p.rating_sum, 0) as "ratingSum"`;
const LISTING_JOINS = `join listing_versions v on v.id = l.listing_id
  left join metadata_documents m on m.cid = l.metadata_cid
  left join storefront_products p on p.merchant = l.merchant and p.sku = l.sku`;

const BY_CURRENT_IDS: PreparedStatement = {
  name: "listings_by_current_ids",
  text: `select ${LISTING_COLUMNS} from listings l ${LISTING_JOINS} where l.listing_id = any($1::text[])`,
};
const BY_VERSION_IDS: PreparedStatement = {
  name: "listings_by_version_ids",
  text: `select asked.id as "askedId", ${LISTING_COLUMNS} from listing_versions asked
    join listings l on l.merchant = asked.merchant and l.sku = asked.sku ${LISTING_JOINS}
    where asked.id = any($1::text[])`,
};

/** The current rows of the products with these current listing ids. */
export async function listingsByCurrentIds(database: Database, ids: readonly string[]): Promise<ListingRow[]> {
  return preparedRows<ListingRow>(database, BY_CURRENT_IDS, [ids]);
}

/** The current rows of the products that any of these listing ids (any version) belong to, each with the id asked. */
export async function listingsByVersionIds(
  database: Database,
  ids: readonly string[],
): Promise<(ListingRow & { askedId: string })[]> {
  return preparedRows<ListingRow & { askedId: string }>(database, BY_VERSION_IDS, [ids]);
}
