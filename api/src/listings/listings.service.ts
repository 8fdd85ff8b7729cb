import { Inject, Injectable } from "@nestjs/common";
import { asc, eq, sql } from "drizzle-orm";
import { listingVersions, orderLines, provenanceItems, reviews } from "#indexer/store/schema.ts";
import { pageSize } from "../common/connection.ts";
import { IndexChanges } from "../common/index-changes.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, queryRows, type Database } from "../database.ts";
import { NotFoundError } from "../errors.ts";
import { ValidationError } from "#sdk/errors.ts";
import { selectListings, type ListingRow } from "./listing-query.ts";
import { CatalogSearch } from "./catalog/catalog-search.ts";
import { queryPieces } from "./catalog/terms.ts";
import { checkedFilter, type ListingFilter, type ListingOrder } from "./listing-search.ts";
import { decodeSearchCursor, encodeSearchCursor } from "./search-cursor.ts";

export interface ListingSearch {
  search?: string | null;
  filter?: ListingFilter | null;
  orderBy?: ListingOrder | null;
  first?: number | null;
  after?: string | null;
}

const SEARCH_CACHE_ENTRIES = 1_000;

/** Storefront reads of listings: search with filters, facets and pages; one product; versions and reviews. */
@Injectable()
export class ListingsService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(IndexChanges) private readonly changes: IndexChanges,
    @Inject(CatalogSearch) private readonly catalog: CatalogSearch,
  ) {}

  /**
   * Recent searches by (listings generation, arguments): concurrent and repeated identical searches share one
   * computation.
   */
  readonly #cache = new Map<string, { at: number; result: ReturnType<ListingsService["searchUncached"]> }>();

  /**
   * Search, served from a cache keyed by the listings generation (bumped by every change of a listing the
   * index's change log reports, and by a reorg) and the arguments. Unlike the anonymous
   * response cache it also serves signed-in callers. SEARCH_CACHE_MS bounds an entry's age; 0 turns it off.
   */
  async search(args: ListingSearch) {
    const ttl = this.config.searchCacheMs;
    if (ttl === 0) return this.searchUncached(args);
    await this.changes.catchUp();
    const key = JSON.stringify([
      this.changes.listingsGeneration,
      args.search ?? null,
      args.filter ?? null,
      args.orderBy ?? null,
      args.first ?? null,
      args.after ?? null,
    ]);
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
    const limit = pageSize(args.first, this.config.limits.maxPageSize);
    const text = args.search?.trim() ?? "";
    if (text.length > 200) throw new ValidationError("search", "must be at most 200 characters");
    const orderBy = args.orderBy ?? "RELEVANCE";
    const after = args.after ? decodeSearchCursor(args.after, orderBy) : undefined;
    const filter = checkedFilter(args.filter ?? {});
    const page = await this.catalog.search({ pieces: queryPieces(text), filter, orderBy, limit, after });
    const ids = page.rows.slice(0, limit).map((row) => row.id);
    const found = ids.length
      ? await selectListings(
          this.database.db,
          sql`l.listing_id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        )
      : [];
    const byId = new Map(found.map((row) => [row.listingId, row]));
    const edges = page.rows.slice(0, limit).flatMap((row) => {
      const node = byId.get(row.id);
      return node ? [{ node, cursor: encodeSearchCursor(orderBy, row.cursor) }] : [];
    });
    const pageInfo = {
      hasNextPage: page.rows.length > limit,
      hasPreviousPage: after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    };
    return {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo,
      totalCount: page.total,
      facets: { categories: page.categories, prices: page.prices, exact: page.facetsExact },
    };
  }

  /** The product a listing id (any of its versions) belongs to. */
  async byId(id: string): Promise<ListingRow> {
    const [row] = await selectListings(
      this.database.db,
      sql`(l.merchant, l.sku) = (select merchant, sku from listing_versions where id = ${id})`,
    );
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
          where asked.id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
    const current = rows.length
      ? await selectListings(
          this.database.db,
          sql`l.listing_id in (${sql.join(
            [...new Set(rows.map((row) => row.listingId))].map((id) => sql`${id}`),
            sql`, `,
          )})`,
        )
      : [];
    const byCurrent = new Map(current.map((row) => [row.listingId, row]));
    return new Map(
      rows.flatMap((row) =>
        byCurrent.has(row.listingId) ? [[row.askedId, byCurrent.get(row.listingId)!] as const] : [],
      ),
    );
  }

  /** Every version of the products keyed `merchant:sku`, oldest first. */
  async versionsOf(keys: readonly string[]) {
    const rows = await this.database.db
      .select()
      .from(listingVersions)
      .where(sql`(${listingVersions.merchant}, ${listingVersions.sku}) in (${productKeys(keys)})`)
      .orderBy(asc(listingVersions.publishedBlock), asc(listingVersions.version));
    return keys.map((key) => rows.filter((row) => `${row.merchant}:${row.sku}` === key));
  }

  /** Reviews of orders that bought any version of the products keyed `merchant:sku`. */
  async reviewsOf(keys: readonly string[]) {
    const rows = await this.database.db
      .selectDistinct({ review: reviews, merchant: listingVersions.merchant, sku: listingVersions.sku })
      .from(reviews)
      .innerJoin(orderLines, eq(orderLines.orderId, reviews.orderId))
      .innerJoin(listingVersions, eq(listingVersions.id, orderLines.listingId))
      .where(sql`(${listingVersions.merchant}, ${listingVersions.sku}) in (${productKeys(keys)})`)
      .orderBy(asc(reviews.blockNumber));
    return keys.map((key) => rows.filter((row) => `${row.merchant}:${row.sku}` === key).map((row) => row.review));
  }

  /** Physical items (provenance) registered against any version of the products keyed `merchant:sku`. */
  async itemsOf(keys: readonly string[]) {
    const rows = await this.database.db
      .select({ item: provenanceItems, merchant: listingVersions.merchant, sku: listingVersions.sku })
      .from(provenanceItems)
      .innerJoin(listingVersions, eq(listingVersions.id, provenanceItems.listingId))
      .where(sql`(${listingVersions.merchant}, ${listingVersions.sku}) in (${productKeys(keys)})`)
      .orderBy(asc(provenanceItems.registeredBlock), asc(provenanceItems.id));
    return keys.map((key) => rows.filter((row) => `${row.merchant}:${row.sku}` === key).map((row) => row.item));
  }
}

/** `(merchant, sku), …` of product keys `merchant:sku`, for a row-value `in`. */
function productKeys(keys: readonly string[]) {
  return sql.join(
    keys.map((key) => {
      const [merchant, sku] = key.split(":");
      return sql`(${merchant}, ${sku}::numeric)`;
    }),
    sql`, `,
  );
}
