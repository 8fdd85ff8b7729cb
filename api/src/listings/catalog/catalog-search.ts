import { Inject, Injectable, type OnApplicationBootstrap } from "@nestjs/common";
import type { Logger } from "pino";
import { IndexChanges } from "../../common/index-changes.ts";
import { LOGGER } from "../../common/tokens.ts";
import { DATABASE, queryRows, sql, type Database } from "../../database.ts";
import type { SearchPage } from "../listing-search.ts";
import { type CatalogProduct, CatalogIndex, type CatalogQuery } from "./catalog-index.ts";

/** Rows read per statement while loading the catalog. */
const LOAD_CHUNK = 20_000;

const PRODUCT_COLUMNS = sql`p.listing_id as id, p.merchant || ':' || p.sku::text as key, p.merchant, p.token,
  p.price::text as price, p.remaining > 0 as "inStock", p.published_block::float8 as "publishedBlock",
  p.category_path as "categoryPath", coalesce(p.search_text, '') as "searchText", p.rating`;

/**
 * The storefront's search, served by this replica's in-memory CatalogIndex of the live products. It is loaded from
 * the indexer's storefront_products and kept exact by the index's change log: before a search, every change
 * committed before it is applied (the products of changed listings are read again), and a reorg or a backfill
 * (`all`) reloads it.
 */
@Injectable()
export class CatalogSearch implements OnApplicationBootstrap {
  #index: CatalogIndex | undefined;
  readonly #changed = new Set<string>();
  #reload = true;
  /** Changes seen in the log, and how many of them the index holds. */
  #seen = 0;
  #applied = 0;
  #update: Promise<void> | undefined;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(IndexChanges) private readonly changes: IndexChanges,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    changes.onEviction((eviction) => {
      this.#seen++;
      if (eviction === "all") this.#reload = true;
      else for (const entity of eviction) if (entity.typename === "Listing" && entity.id) this.#changed.add(entity.id);
    });
  }

  /** Starts loading at once, so the first visitor does not wait for it; a failure is retried by the first search. */
  onApplicationBootstrap(): void {
    this.#current().catch((error: unknown) => this.logger.warn({ err: error }, "catalog search index not loaded yet"));
  }

  async search(query: CatalogQuery): Promise<SearchPage> {
    return (await this.#current()).search(query);
  }

  /** The index with every change committed before this call. */
  async #current(): Promise<CatalogIndex> {
    await this.changes.catchUp();
    const target = this.#seen;
    while (this.#applied < target || this.#reload || !this.#index) {
      this.#update ??= this.#catchUpIndex().finally(() => (this.#update = undefined));
      await this.#update;
    }
    return this.#index!;
  }

  async #catchUpIndex(): Promise<void> {
    const seen = this.#seen;
    const ids = [...this.#changed];
    this.#changed.clear();
    try {
      if (this.#reload || !this.#index || this.#index.wantsRebuild) await this.#loadAll();
      else await this.#applyChanged(this.#index, ids);
      this.#applied = seen;
    } catch (error) {
      this.#reload = true;
      throw error;
    }
  }

  async #loadAll(): Promise<void> {
    this.#reload = false;
    const started = performance.now();
    const products: CatalogProduct[] = [];
    for (let after = ""; ; ) {
      const rows = await queryRows<CatalogProduct>(
        this.database.db,
        sql`select ${PRODUCT_COLUMNS} from storefront_products p
            where p.status = 'Active' and p.listing_id > ${after} order by p.listing_id limit ${LOAD_CHUNK}`,
      );
      products.push(...rows);
      if (rows.length < LOAD_CHUNK) break;
      after = rows.at(-1)!.id;
    }
    this.#index = CatalogIndex.of(products);
    const heapMiB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
    this.logger.info(
      { products: products.length, ms: Math.round(performance.now() - started), heapMiB },
      "catalog search index loaded",
    );
  }

  /** Reads the products of the changed listing ids again: a live one is replaced, any other dropped. */
  async #applyChanged(index: CatalogIndex, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await queryRows<{ productKey: string; status: string | null } & CatalogProduct>(
      this.database.db,
      sql`select v.merchant || ':' || v.sku::text as "productKey", p.status, ${PRODUCT_COLUMNS}
          from listing_versions v left join storefront_products p on p.merchant = v.merchant and p.sku = v.sku
          where v.id in (select json_array_elements_text(${JSON.stringify(ids)}::json))`,
    );
    for (const row of rows) {
      if (row.status === "Active") index.put(row);
      else index.delete(row.productKey);
    }
  }
}
