import { sql, type SQL } from "drizzle-orm";
import { ValidationError } from "#sdk/errors.ts";
import type { PageWindow } from "../common/connection.ts";
import { queryRows, type Db } from "../database.ts";
import { PRODUCT_RATINGS, RATING } from "./listing-query.ts";

export type ListingOrder = "RELEVANCE" | "PRICE_ASC" | "PRICE_DESC" | "NEWEST" | "RATING";

export interface ListingFilter {
  category?: string | null;
  merchant?: string | null;
  minPrice?: string | null;
  maxPrice?: string | null;
  token?: string | null;
  inStock?: boolean | null;
  minRating?: number | null;
}

export interface SearchPage {
  /** Listing ids of the page (window.limit + 1 at most: the extra one tells that a next page exists), in order. */
  ids: string[];
  prices: { token: string; min: string; max: string; count: number }[];
  categories: { category: string; count: number }[];
}

/** Sort keys over the `matches` columns; listing_id last, so pages are stable. */
const ORDER: Record<Exclude<ListingOrder, "RELEVANCE">, SQL> = {
  PRICE_ASC: sql`price asc, listing_id asc`,
  PRICE_DESC: sql`price desc, listing_id asc`,
  NEWEST: sql`published_block desc, listing_id asc`,
  RATING: sql`rating desc nulls last, listing_id asc`,
};

/**
 * One statement: the matching listings are found once (a materialized CTE) and the page and both
 * facets are computed from them, instead of three statements each repeating the text search and joins.
 * Versions and ratings are joined only when the sort or a filter needs them.
 */
export async function searchListings(db: Db, search: { text: string; filter: ListingFilter; orderBy: ListingOrder; window: PageWindow }): Promise<SearchPage> {
  const { text, filter, window } = search;
  const orderBy = search.orderBy === "RELEVANCE" && !text ? "NEWEST" : search.orderBy;
  const byNewest = orderBy === "NEWEST";
  const byRating = orderBy === "RATING" || (filter.minRating !== null && filter.minRating !== undefined);
  const query = sql`plainto_tsquery('simple', ${text})`;
  const where = and([sql`l.status = 'Active'`, ...(text ? [sql`m.search_vector @@ ${query}`] : []), ...filterConditions(filter)]);
  const [result] = await queryRows<SearchPage>(
    db,
    sql`with matches as materialized (
        select l.listing_id, l.price, l.token, m.document->'categoryPath' as category_path,
          ${text ? sql`ts_rank(m.search_vector, ${query})` : sql`0::float4`} as rank,
          ${byNewest ? sql`v.published_block` : sql`0::int8`} as published_block,
          ${byRating ? RATING : sql`null::float8`} as rating
        from listings l
        left join metadata_documents m on m.cid = l.metadata_cid
        ${byNewest ? sql`join listing_versions v on v.id = l.listing_id` : sql``}
        ${byRating ? PRODUCT_RATINGS : sql``}
        where ${where}
      )
      select
        (select coalesce(json_agg(page.listing_id order by page.n), '[]'::json) from (
          select listing_id, row_number() over (order by ${orderBy === "RELEVANCE" ? sql`rank desc, listing_id asc` : ORDER[orderBy]}) as n
          from matches order by n limit ${window.limit + 1} offset ${window.offset}) page) as ids,
        (select coalesce(json_agg(t order by t.token), '[]'::json) from (
          select token, min(price)::text as min, max(price)::text as max, count(*)::int as count from matches group by token) t) as prices,
        (select coalesce(json_agg(c order by c.count desc, c.category), '[]'::json) from (
          select category, count(*)::int as count from matches
          cross join lateral jsonb_array_elements_text(coalesce(category_path, '[]'::jsonb)) as category group by category) c) as categories`,
  );
  return result;
}

function and(conditions: SQL[]): SQL {
  return sql.join(conditions.map((condition) => sql`(${condition})`), sql` and `);
}

function filterConditions(filter: ListingFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.category) conditions.push(sql`m.document->'categoryPath' @> ${JSON.stringify([filter.category])}::jsonb`);
  if (filter.merchant) conditions.push(sql`l.merchant = ${filter.merchant}`);
  if (filter.token) conditions.push(sql`l.token = ${filter.token}`);
  if (filter.minPrice) conditions.push(sql`l.price >= ${filter.minPrice}::numeric`);
  if (filter.maxPrice) conditions.push(sql`l.price <= ${filter.maxPrice}::numeric`);
  if (filter.inStock === true) conditions.push(sql`l.remaining > 0`);
  if (filter.inStock === false) conditions.push(sql`l.remaining = 0`);
  if (filter.minRating !== null && filter.minRating !== undefined) {
    if (!(filter.minRating >= 1 && filter.minRating <= 5)) throw new ValidationError("filter.minRating", "must be from 1 to 5");
    conditions.push(sql`${RATING} >= ${filter.minRating}::float8`);
  }
  return conditions;
}
