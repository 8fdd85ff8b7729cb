import { Inject, Injectable } from "@nestjs/common";
import { pageSize } from "../common/connection.ts";
import { BoundedMap } from "../common/bounded-map.ts";
import { IndexChanges } from "../common/index-changes.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, type Database } from "../database.ts";
import { NotFoundError } from "../errors.ts";
import { ValidationError } from "#sdk/errors.ts";
import { RowCache } from "../common/row-cache.ts";
import { sharedBatch } from "../common/shared-batch.ts";
import { listingsByCurrentIds, listingsByVersionIds, productRows, type ListingRow } from "./listing-query.ts";
import { productReads } from "./product-reads.ts";
import { CatalogSearch } from "./catalog/catalog-search.ts";
import { queryPieces } from "./catalog/terms.ts";
import { checkedFilter, type ListingFilter, type ListingOrder } from "./listing-search.ts";
import { decodeSearchCursor, SearchEdge } from "./search-cursor.ts";

export interface ListingSearch {
  search?: string | null;
  filter?: ListingFilter | null;
  orderBy?: ListingOrder | null;
  first?: number | null;
  after?: string | null;
}

const SEARCH_CACHE_ENTRIES = 1_000;
/** Product rows kept by current listing id: a few thousand popular products make most search pages. */
const ROW_CACHE_ENTRIES = 10_000;

/** Storefront reads of listings: search with filters, facets and pages; one product; versions and reviews. */
@Injectable()
export class ListingsService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(IndexChanges) private readonly changes: IndexChanges,
    @Inject(CatalogSearch) private readonly catalog: CatalogSearch,
  ) {
    this.#rowCache = new RowCache(ROW_CACHE_ENTRIES, config.searchCacheMs, productRows);
    changes.onEviction((eviction) => this.#rowCache.evict(eviction));
    this.#products = productReads(database);
  }

  readonly #products: ReturnType<typeof productReads>;

  /**
   * Recent searches by (listings generation, arguments): concurrent and repeated identical searches share one
   * computation.
   */
  readonly #cache = new BoundedMap<string, { at: number; result: ReturnType<ListingsService["searchUncached"]> }>(
    SEARCH_CACHE_ENTRIES,
  );

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
    this.#cache.set(key, { at: now, result });
    // A failed search is not kept; a newer entry under the key (after this one expired) is not this one's to drop.
    result.catch(() => this.#cache.get(key)?.result === result && this.#cache.delete(key));
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
    const rows = await this.#currentRowsOf(ids);
    const byId = new Map(rows.flatMap((row) => (row ? [[row.listingId, row] as const] : [])));
    const edges = page.rows.slice(0, limit).flatMap((row) => {
      const node = byId.get(row.id);
      return node ? [new SearchEdge(node, orderBy, row.cursor)] : [];
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

  /** The product a listing id (any of its versions) belongs to, from the row cache when it has it. */
  async byId(id: string): Promise<ListingRow> {
    if (this.config.searchCacheMs === 0) return this.freshById(id);
    await this.changes.catchUp();
    const cached = this.#rowCache.get(id);
    if (cached) return cached;
    const readAt = this.#rowCache.position;
    const row = await this.freshById(id);
    // Kept only when asked by its current id: the cache holds current rows by current id.
    if (row.listingId === id) this.#rowCache.remember(readAt, row);
    return row;
  }

  /** As byId, read from the database: for a subscriber told of a change the row cache may not have seen yet. */
  async freshById(id: string): Promise<ListingRow> {
    const row = await this.byVersionId.load(id);
    if (!row) throw new NotFoundError("listing", id);
    return row;
  }

  /**
   * Current rows by current listing id, from the row cache where it has them (SEARCH_CACHE_MS 0 turns it off with
   * the search cache). Searches of different words share most of their rows; a change under a product evicts only its
   * rows, so the cache outlives a live chain's blocks.
   */
  async #currentRowsOf(ids: string[]): Promise<(ListingRow | undefined)[]> {
    const read = (missing: string[]) => Promise.all(missing.map((id) => this.#currentRows.load(id)));
    return this.config.searchCacheMs === 0 ? read(ids) : this.#rowCache.readThrough(ids, read);
  }

  readonly #rowCache: RowCache<ListingRow>;

  /**
   * The current row of the product a listing id (any version) belongs to, if any, in batches shared by the requests
   * in flight: a product page's row and the `listing` loader's (order lines, items) go through this one.
   */
  readonly byVersionId = sharedBatch(async (ids: readonly string[]) => {
    // Most ids asked are current ones, which a simpler statement finds: PostgreSQL plans the one through versions
    // afresh on every call (its generic plan looks dearer than planning), which took eight times its running time.
    const found = new Map((await listingsByCurrentIds(this.database, ids)).map((row) => [row.listingId, row]));
    const older = ids.filter((id) => !found.has(id));
    if (older.length > 0)
      for (const { askedId, ...row } of await listingsByVersionIds(this.database, older)) found.set(askedId, row);
    return ids.map((id) => found.get(id));
  });

  /** A search page's rows, in batches shared by the requests in flight. */
  readonly #currentRows = sharedBatch(async (ids: readonly string[]) => {
    const byId = new Map((await listingsByCurrentIds(this.database, ids)).map((row) => [row.listingId, row]));
    return ids.map((id) => byId.get(id));
  });

  /** Every version of the products keyed `merchant:sku`, oldest first. */
  versionsOf(keys: readonly string[]) {
    return this.#products.versions(keys);
  }

  /** Reviews of orders that bought any version of the products keyed `merchant:sku`. */
  reviewsOf(keys: readonly string[]) {
    return this.#products.reviews(keys);
  }

  /** Physical items (provenance) registered against any version of the products keyed `merchant:sku`. */
  itemsOf(keys: readonly string[]) {
    return this.#products.items(keys);
  }
}
