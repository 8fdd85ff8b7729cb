import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from "@nestjs/common";
import type { Logger } from "pino";
import { IndexChanges } from "../../common/index-changes.ts";
import { CONFIG, LOGGER } from "../../common/tokens.ts";
import type { ApiConfig } from "../../config.ts";
import { DATABASE, queryRows, sql, type Database } from "../../database.ts";
import type { SearchPage } from "../listing-search.ts";
import type { CatalogProduct, CatalogQuery } from "./catalog-index.ts";
import { CatalogThread } from "./catalog-thread.ts";

/** Rows read per statement while loading the catalog. */
const LOAD_CHUNK = 20_000;
/** The longest wait between two attempts to load the index in the background. */
const MAX_RETRY_MS = 60_000;

const PRODUCT_COLUMNS = sql`p.listing_id as id, p.merchant || ':' || p.sku::text as key, p.merchant, p.token,
  p.price::text as price, p.remaining > 0 as "inStock", p.published_block::float8 as "publishedBlock",
  p.category_path as "categoryPath", coalesce(p.search_text, '') as "searchText", p.rating`;

/**
 * The storefront's search, served by this replica's in-memory CatalogIndex of the live products, held on a thread
 * of its own (CatalogThread). It is loaded from the indexer's storefront_products and kept exact by the index's
 * change log: before a search, every change committed before it is applied (the products of changed listings are
 * read again), and a reorg or a backfill (`all`) reloads it, as does the loss of its thread.
 */
@Injectable()
export class CatalogSearch implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #thread: CatalogThread;
  readonly #changed = new Set<string>();
  #reload = true;
  /** Whether the thread holds an index (during a reload searches wait all the same). */
  #loaded = false;
  #stopped = false;
  #retry: NodeJS.Timeout | undefined;
  #wantsRebuild = false;
  /** Changes seen in the log, and how many of them the index holds. */
  #seen = 0;
  #applied = 0;
  #update: Promise<void> | undefined;

  constructor(
    @Inject(CONFIG) config: ApiConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(IndexChanges) private readonly changes: IndexChanges,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.#thread = new CatalogThread(config.catalogHeapMiB, (error) => {
      this.#loaded = false;
      this.#reload = true;
      this.logger.error({ err: error }, "catalog search thread lost; the index will be loaded again");
      this.#loadInBackground(1_000);
    });
    changes.onEviction((eviction) => {
      this.#seen++;
      if (eviction === "all") this.#reload = true;
      else for (const entity of eviction) if (entity.typename === "Listing" && entity.id) this.#changed.add(entity.id);
    });
  }

  /** Starts loading at once, so the first visitor does not wait for it. */
  onApplicationBootstrap(): void {
    this.#loadInBackground(0);
  }

  /** Whether the index has been loaded (`/ready` waits for it). */
  get loaded(): boolean {
    return this.#loaded;
  }

  async onApplicationShutdown(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    await this.#thread.stop();
  }

  /**
   * Loads the index after `delayMs`, and again after each failure, waiting twice as long each time (up to
   * MAX_RETRY_MS): a replica whose database was not up yet, or whose thread was lost, becomes ready by itself
   * rather than at the first search, which a load balancer would not send it while it is not ready.
   */
  #loadInBackground(delayMs: number): void {
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#catchUp().catch((error: unknown) => {
        if (this.#stopped) return; // shut down during a load: nothing failed
        const retryMs = Math.min(MAX_RETRY_MS, Math.max(1_000, delayMs * 2));
        this.logger.warn({ err: error, retryMs }, "catalog search index not loaded");
        this.#loadInBackground(retryMs);
      });
    }, delayMs).unref();
  }

  async search(query: CatalogQuery): Promise<SearchPage> {
    await this.#catchUp();
    return this.#thread.search(query);
  }

  /** Brings the index up to every change committed before this call. */
  async #catchUp(): Promise<void> {
    await this.changes.catchUp();
    const target = this.#seen;
    while (this.#applied < target || this.#reload || !this.#loaded) {
      this.#update ??= this.#catchUpIndex().finally(() => (this.#update = undefined));
      await this.#update;
    }
  }

  async #catchUpIndex(): Promise<void> {
    const seen = this.#seen;
    const ids = [...this.#changed];
    this.#changed.clear();
    try {
      if (this.#reload || this.#wantsRebuild) await this.#loadAll();
      else await this.#applyChanged(ids);
      this.#applied = seen;
    } catch (error) {
      this.#reload = true;
      throw error;
    }
  }

  async #loadAll(): Promise<void> {
    this.#reload = false;
    const started = performance.now();
    for (let after = ""; ; ) {
      const rows = await queryRows<CatalogProduct>(
        this.database.db,
        sql`select ${PRODUCT_COLUMNS} from storefront_products p
            where p.status = 'Active' and p.listing_id > ${after} order by p.listing_id limit ${LOAD_CHUNK}`,
      );
      await this.#thread.load(rows, after === "");
      if (rows.length < LOAD_CHUNK) break;
      after = rows.at(-1)!.id;
    }
    const { products, heapMiB } = await this.#thread.build();
    this.#loaded = true;
    this.#wantsRebuild = false;
    this.logger.info(
      { products, ms: Math.round(performance.now() - started), threadHeapMiB: heapMiB },
      "catalog search index loaded",
    );
  }

  /** Reads the products of the changed listing ids again: a live one is replaced, any other dropped. */
  async #applyChanged(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await queryRows<{ productKey: string; status: string | null } & CatalogProduct>(
      this.database.db,
      sql`select v.merchant || ':' || v.sku::text as "productKey", p.status, ${PRODUCT_COLUMNS}
          from listing_versions v left join storefront_products p on p.merchant = v.merchant and p.sku = v.sku
          where v.id in (select json_array_elements_text(${JSON.stringify(ids)}::json))`,
    );
    const live = rows.filter((row) => row.status === "Active");
    const dropped = rows.filter((row) => row.status !== "Active").map((row) => row.productKey);
    ({ wantsRebuild: this.#wantsRebuild } = await this.#thread.apply(live, dropped));
  }
}
