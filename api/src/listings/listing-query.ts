import type { ListingMetadata } from "#sdk/metadata/listing.ts";
import type { RowIdentity } from "../common/row-cache.ts";
import { preparedRows, type Database, type PreparedStatement } from "../database.ts";

/**
 * One product as the API serves it: its current version, live stock, rating and what its card shows of its document
 * (title, category path and images while the document is OK; none else). The rest of the document, which only a
 * product page asks for, is read by `metadataCid`.
 */
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
  title: string | null;
  categoryPath: string[];
  images: ListingMetadata["images"];
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

const LISTING_COLUMNS = `p.listing_id as "listingId", p.merchant, p.sku::text as sku, p.version::text as version,
  p.metadata_cid as "metadataCid", p.price::text as price, p.token, p.remaining::text as remaining, p.status,
  p.quantity::text as quantity, p.max_per_buyer::text as "maxPerBuyer",
  p.valid_from::float8 as "validFrom", p.valid_until::float8 as "validUntil", p.counter::text as counter,
  p.published_block::float8 as "publishedBlock", p.published_at::float8 as "publishedAt",
  p.metadata_status as "metadataStatus", p.title, p.category_path as "categoryPath", p.images,
  p.review_count as "reviewCount", p.rating_sum as "ratingSum"`;

// The indexer's read model (storefront_products) holds all of a product's row: one lookup a row.
const BY_CURRENT_IDS: PreparedStatement = {
  name: "listings_by_current_ids",
  text: `select ${LISTING_COLUMNS} from storefront_products p where p.listing_id = any($1::text[])`,
};
const BY_VERSION_IDS: PreparedStatement = {
  name: "listings_by_version_ids",
  text: `select asked.id as "askedId", ${LISTING_COLUMNS} from listing_versions asked
    join storefront_products p on p.merchant = asked.merchant and p.sku = asked.sku
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
