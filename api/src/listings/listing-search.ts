import { sql, type SQL } from "drizzle-orm";
import { ValidationError } from "#sdk/errors.ts";
import { queryRows, type Db } from "../database.ts";
import { searchQueryText } from "./search-query.ts";

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

/** Where a page starts: after the row with this sort value and listing id (a keyset cursor). */
export interface SearchCursor {
  key: string | number | null;
  id: string;
}

export interface SearchPage {
  /** The page's rows (limit + 1 at most: the extra one tells that a next page exists), in order, with their cursors. */
  rows: { id: string; cursor: SearchCursor }[];
  prices: { token: string; min: string; max: string; count: number }[];
  categories: { category: string; count: number }[];
}

/**
 * Each order as a sort key over storefront_products (`key`, its value as the cursor stores it) and the
 * comparison that keeps rows after a cursor; listing_id breaks ties, so pages neither skip nor repeat.
 */
const ORDERS: Record<ListingOrder, { key: SQL; direction: "asc" | "desc"; nulls?: "last" }> = {
  RELEVANCE: { key: sql`rank`, direction: "desc" },
  PRICE_ASC: { key: sql`price`, direction: "asc" },
  PRICE_DESC: { key: sql`price`, direction: "desc" },
  NEWEST: { key: sql`published_block`, direction: "desc" },
  RATING: { key: sql`rating`, direction: "desc", nulls: "last" },
};

/**
 * One statement over the storefront read model (one row per product, indexed for each filter and sort):
 * the matching products are found once and the page (a keyset page after `after`) and both facets are
 * computed from them.
 */
export async function searchListings(
  db: Db,
  search: { text: string; filter: ListingFilter; orderBy: ListingOrder; limit: number; after?: SearchCursor },
): Promise<SearchPage> {
  const { filter, limit, after } = search;
  const queryText = searchQueryText(search.text);
  const orderBy = search.orderBy === "RELEVANCE" && !queryText ? "NEWEST" : search.orderBy;
  const order = ORDERS[orderBy];
  const query = sql`to_tsquery('simple', ${queryText ?? ""})`;
  const where = and([
    sql`p.status = 'Active'`,
    ...(queryText ? [sql`p.search_vector @@ ${query}`] : []),
    ...filterConditions(filter),
  ]);
  const rank = queryText ? sql`ts_rank(p.search_vector, ${query})::float8` : sql`0::float8`;
  const [result] = await queryRows<{
    page: { id: string; key: string | number | null }[];
    prices: SearchPage["prices"];
    categories: SearchPage["categories"];
  }>(
    db,
    sql`with matches as materialized (
        select p.listing_id, p.price, p.token, p.category_path, p.published_block, p.rating, ${rank} as rank
        from storefront_products p
        where ${where}
      )
      select
        (select coalesce(json_agg(json_build_object('id', page.listing_id, 'key', page.key) order by page.n), '[]'::json) from (
          select listing_id, ${orderBy === "PRICE_ASC" || orderBy === "PRICE_DESC" ? sql`price::text` : order.key} as key,
            row_number() over (order by ${orderSql(order)}) as n
          from matches ${after ? sql`where ${afterCondition(order, after)}` : sql``}
          order by ${orderSql(order)} limit ${limit + 1}) page) as page,
        (select coalesce(json_agg(t order by t.token), '[]'::json) from (
          select token, min(price)::text as min, max(price)::text as max, count(*)::int as count from matches group by token) t) as prices,
        (select coalesce(json_agg(c order by c.count desc, c.category), '[]'::json) from (
          select category, count(*)::int as count from matches cross join unnest(category_path) as category group by category) c) as categories`,
  );
  return {
    rows: result.page.map((row) => ({ id: row.id, cursor: { key: row.key, id: row.id } })),
    prices: result.prices,
    categories: result.categories,
  };
}

function orderSql(order: (typeof ORDERS)[ListingOrder]): SQL {
  return sql`${order.key} ${sql.raw(order.direction)}${order.nulls ? sql` nulls last` : sql``}, listing_id asc`;
}

/** Rows after `cursor` in `order`: a later key, or the same key and a later listing id; nulls sort last. */
function afterCondition(order: (typeof ORDERS)[ListingOrder], cursor: SearchCursor): SQL {
  const key = typeof cursor.key === "string" ? sql`${cursor.key}::numeric` : sql`${cursor.key}::float8`;
  if (cursor.key === null) return sql`${order.key} is null and listing_id > ${cursor.id}`;
  const beyond = order.direction === "asc" ? sql`${order.key} > ${key}` : sql`${order.key} < ${key}`;
  const nullsAfter = order.nulls ? sql` or ${order.key} is null` : sql``;
  return sql`(${beyond} or (${order.key} = ${key} and listing_id > ${cursor.id})${nullsAfter})`;
}

function and(conditions: SQL[]): SQL {
  return sql.join(
    conditions.map((condition) => sql`(${condition})`),
    sql` and `,
  );
}

function filterConditions(filter: ListingFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.category) conditions.push(sql`p.category_path @> array[${filter.category}]::text[]`);
  if (filter.merchant) conditions.push(sql`p.merchant = ${filter.merchant}`);
  if (filter.token) conditions.push(sql`p.token = ${filter.token}`);
  if (filter.minPrice) conditions.push(sql`p.price >= ${filter.minPrice}::numeric`);
  if (filter.maxPrice) conditions.push(sql`p.price <= ${filter.maxPrice}::numeric`);
  if (filter.inStock === true) conditions.push(sql`p.remaining > 0`);
  if (filter.inStock === false) conditions.push(sql`p.remaining = 0`);
  if (filter.minRating !== null && filter.minRating !== undefined) {
    if (!(filter.minRating >= 1 && filter.minRating <= 5))
      throw new ValidationError("filter.minRating", "must be from 1 to 5");
    conditions.push(sql`p.rating >= ${filter.minRating}::float8`);
  }
  return conditions;
}
