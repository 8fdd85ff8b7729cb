import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../database.ts";

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

/** Listing rows (`l` = listings) matching `where`, in no particular order. */
export async function selectListings(db: Db, where: SQL): Promise<ListingRow[]> {
  return queryRows<ListingRow>(
    db,
    sql`select l.listing_id as "listingId", l.merchant, l.sku::text as sku, l.version::text as version,
      l.metadata_cid as "metadataCid",
      l.price::text as price, l.token, l.remaining::text as remaining, l.status, v.quantity::text as quantity,
      v.valid_from::float8 as "validFrom", v.valid_until::float8 as "validUntil", v.counter::text as counter,
      v.published_block::float8 as "publishedBlock", v.published_at::float8 as "publishedAt",
      coalesce(m.status, 'PENDING') as "metadataStatus", m.document,
      coalesce(p.review_count, 0) as "reviewCount", coalesce(p.rating_sum, 0) as "ratingSum"
    from listings l
    join listing_versions v on v.id = l.listing_id
    left join metadata_documents m on m.cid = l.metadata_cid
    left join storefront_products p on p.merchant = l.merchant and p.sku = l.sku
    where ${where}`,
  );
}
