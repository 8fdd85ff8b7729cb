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
  rank: number;
}

/** LISTING_FROM without the ratings: enough for facets and counts unless a filter needs the rating. */
export const LISTING_FROM_UNRATED = sql`
  listings l
  join listing_versions v on v.id = l.listing_id
  left join metadata_documents m on m.cid = l.metadata_cid`;

export const LISTING_FROM = sql`
  ${LISTING_FROM_UNRATED}
  left join (
    select pv.merchant, pv.sku, sum(r.review_count)::int as review_count, sum(r.rating_sum)::int as rating_sum
    from rating_aggregates r join listing_versions pv on r.subject_type = 'listing' and r.subject = pv.id
    group by pv.merchant, pv.sku
  ) ratings on ratings.merchant = l.merchant and ratings.sku = l.sku`;

export const RATING = sql`(ratings.rating_sum::float8 / nullif(ratings.review_count, 0))`;

/** Selects listing rows from LISTING_FROM; `rank` is the text-search rank (0 without a search). */
export async function selectListings(db: Db, options: { where: SQL; rank?: SQL; orderBy?: SQL; limit?: number; offset?: number }): Promise<ListingRow[]> {
  const rank = options.rank ?? sql`0::float8`;
  const page = options.limit === undefined ? sql`` : sql` limit ${options.limit} offset ${options.offset ?? 0}`;
  const order = options.orderBy ? sql` order by ${options.orderBy}` : sql``;
  return queryRows<ListingRow>(
    db,
    sql`select l.listing_id as "listingId", l.merchant, l.sku::text as sku, l.version::text as version, l.metadata_cid as "metadataCid",
      l.price::text as price, l.token, l.remaining::text as remaining, l.status, v.quantity::text as quantity,
      v.valid_from::float8 as "validFrom", v.valid_until::float8 as "validUntil", v.counter::text as counter,
      v.published_block::float8 as "publishedBlock", v.published_at::float8 as "publishedAt",
      coalesce(m.status, 'PENDING') as "metadataStatus", m.document,
      coalesce(ratings.review_count, 0) as "reviewCount", coalesce(ratings.rating_sum, 0) as "ratingSum", (${rank})::float8 as rank
    from ${LISTING_FROM} where ${options.where}${order}${page}`,
  );
}
