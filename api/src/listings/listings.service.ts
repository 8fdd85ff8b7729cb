import { Inject, Injectable } from "@nestjs/common";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { listingVersions, reviews, orderLines } from "../../../indexer/src/store/schema.ts";
import { connection, pageWindow } from "../common/connection.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, queryRows, type Database } from "../database.ts";
import { NotFoundError } from "../errors.ts";
import { ValidationError } from "../../../sdk/errors.ts";
import { LISTING_FROM, LISTING_FROM_UNRATED, RATING, selectListings, type ListingRow } from "./listing-query.ts";

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

export interface ListingSearch {
  search?: string | null;
  filter?: ListingFilter | null;
  orderBy?: ListingOrder | null;
  first?: number | null;
  after?: string | null;
}

const SEARCH_CACHE_ENTRIES = 1_000;

const ORDER: Record<Exclude<ListingOrder, "RELEVANCE">, SQL> = {
  PRICE_ASC: sql`l.price asc, l.listing_id asc`,
  PRICE_DESC: sql`l.price desc, l.listing_id asc`,
  NEWEST: sql`v.published_block desc, l.listing_id asc`,
  RATING: sql`${RATING} desc nulls last, l.listing_id asc`,
};

/** Storefront reads of listings: search with filters, facets and pages; one product; versions and reviews. */
@Injectable()
export class ListingsService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Recent searches by (indexed block, arguments): concurrent and repeated identical searches share one computation. */
  readonly #cache = new Map<string, { at: number; result: ReturnType<ListingsService["searchUncached"]> }>();

  /**
   * Search, served from a short-lived cache keyed by the indexer's committed block and the arguments:
   * a committed batch changes the key at once; metadata the indexer resolves later (same block) shows
   * after at most SEARCH_CACHE_MS. SEARCH_CACHE_MS=0 turns it off.
   */
  async search(args: ListingSearch) {
    const ttl = this.config.searchCacheMs;
    if (ttl === 0) return this.searchUncached(args);
    const [state] = await queryRows<{ cursor: number }>(this.database.db, sql`select cursor_block::float8 as cursor from sync_state where id = 1`);
    const key = JSON.stringify([state?.cursor ?? null, args.search ?? null, args.filter ?? null, args.orderBy ?? null, args.first ?? null, args.after ?? null]);
    const now = Date.now();
    const hit = this.#cache.get(key);
    if (hit && now - hit.at < ttl) return hit.result;
    const result = this.searchUncached(args);
    this.#cache.delete(key);
    this.#cache.set(key, { at: now, result });
    result.catch(() => this.#cache.delete(key));
    while (this.#cache.size > SEARCH_CACHE_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
    return result;
  }

  async searchUncached(args: ListingSearch) {
    const window = pageWindow(args.first, args.after, this.config.limits.maxPageSize);
    const text = args.search?.trim() ?? "";
    if (text.length > 200) throw new ValidationError("search", "must be at most 200 characters");
    const query = sql`plainto_tsquery('simple', ${text})`;
    const where = and(sql`l.status = 'Active'`, ...(text ? [sql`m.search_vector @@ ${query}`] : []), ...filterConditions(args.filter ?? {})) as SQL;
    const rank = text ? sql`ts_rank(m.search_vector, ${query})` : undefined;
    const orderBy = args.orderBy && args.orderBy !== "RELEVANCE" ? ORDER[args.orderBy] : text ? sql`rank desc, l.listing_id asc` : ORDER.NEWEST;
    const db = this.database.db;
    // Facets aggregate every match: join the ratings only when a filter needs them.
    const facetFrom = args.filter?.minRating ? LISTING_FROM : LISTING_FROM_UNRATED;
    const [rows, prices, categories] = await Promise.all([
      selectListings(db, { where, rank, orderBy, limit: window.limit + 1, offset: window.offset }),
      queryRows<{ token: string; min: string; max: string; count: number }>(
        db,
        sql`select l.token, min(l.price)::text as min, max(l.price)::text as max, count(*)::int as count from ${facetFrom} where ${where} group by l.token order by l.token`,
      ),
      queryRows<{ category: string; count: number }>(
        db,
        sql`select c.category, count(*)::int as count from ${facetFrom}
            cross join lateral jsonb_array_elements_text(coalesce(m.document->'categoryPath', '[]'::jsonb)) as c(category)
            where ${where} group by c.category order by count desc, c.category asc`,
      ),
    ]);
    const totalCount = prices.reduce((sum, row) => sum + row.count, 0);
    return { ...connection(rows, window, totalCount), facets: { categories, prices } };
  }

  /** The product a listing id (any of its versions) belongs to. */
  async byId(id: string): Promise<ListingRow> {
    const [row] = await selectListings(this.database.db, {
      where: sql`(l.merchant, l.sku) = (select merchant, sku from listing_versions where id = ${id})`,
    });
    if (!row) throw new NotFoundError("listing", id);
    return row;
  }

  /** Current rows of many listing ids (any version), for loaders. */
  async byIds(ids: readonly string[]): Promise<Map<string, ListingRow>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<ListingRow & { askedId: string }>(
      this.database.db,
      sql`select asked.id as "askedId", l.listing_id as "listingId" from listing_versions asked
          join listings l on l.merchant = asked.merchant and l.sku = asked.sku
          where asked.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
    );
    const current = await selectListings(this.database.db, {
      where: rows.length ? sql`l.listing_id in (${sql.join([...new Set(rows.map((row) => row.listingId))].map((id) => sql`${id}`), sql`, `)})` : sql`false`,
    });
    const byCurrent = new Map(current.map((row) => [row.listingId, row]));
    return new Map(rows.flatMap((row) => (byCurrent.has(row.listingId) ? [[row.askedId, byCurrent.get(row.listingId)!] as const] : [])));
  }

  /** Every version of the products keyed `merchant:sku`, oldest first. */
  async versionsOf(keys: readonly string[]) {
    const pairs = keys.map((key) => key.split(":"));
    const rows = await this.database.db
      .select()
      .from(listingVersions)
      .where(inArray(listingVersions.merchant, [...new Set(pairs.map(([merchant]) => merchant))]))
      .orderBy(asc(listingVersions.publishedBlock), asc(listingVersions.version));
    return keys.map((key) => rows.filter((row) => `${row.merchant}:${row.sku}` === key));
  }

  /** Reviews of orders that bought any version of the products keyed `merchant:sku`. */
  async reviewsOf(keys: readonly string[]) {
    const merchants = [...new Set(keys.map((key) => key.split(":")[0]))];
    const rows = await this.database.db
      .selectDistinct({ review: reviews, merchant: listingVersions.merchant, sku: listingVersions.sku })
      .from(reviews)
      .innerJoin(orderLines, eq(orderLines.orderId, reviews.orderId))
      .innerJoin(listingVersions, eq(listingVersions.id, orderLines.listingId))
      .where(and(inArray(reviews.merchant, merchants)))
      .orderBy(asc(reviews.blockNumber));
    return keys.map((key) => rows.filter((row) => `${row.merchant}:${row.sku}` === key).map((row) => row.review));
  }
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
