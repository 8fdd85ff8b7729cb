import { Inject, Injectable } from "@nestjs/common";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { merchants, merchantStatusHistory, ratingAggregates } from "#indexer/store/schema.ts";
import { getAddress } from "viem";
import { pageSize } from "../common/connection.ts";
import { decodeKeyset, keysetConnection } from "../common/keyset-cursor.ts";
import { IndexChanges } from "../common/index-changes.ts";
import { RowCache, type RowIdentity } from "../common/row-cache.ts";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, queryRows, type Database } from "../database.ts";
import { NotFoundError } from "../errors.ts";
import { ValidationError } from "#sdk/errors.ts";

const DAY_SECONDS = 86_400;

export type MerchantRow = typeof merchants.$inferSelect;

/** Merchants by address: one statement text whatever the batch's size, parsed once per connection (preparedRows). */
const merchantsByAddress = (database: Database) =>
  database.db
    .select()
    .from(merchants)
    .where(sql`${merchants.address} = any(${sql.placeholder("addresses")}::text[])`)
    .prepare("merchants_by_address");

/** Merchant rows kept: every merchant of a million-listing catalog. */
const ROW_CACHE_ENTRIES = 10_000;
/** A merchant's row, kept by address until the change log names the merchant (`merchant` changes). */
const merchantRows: RowIdentity<MerchantRow> = {
  typename: "Merchant",
  keyOf: (row) => row.address,
  entityIdOf: (row) => getAddress(row.address),
};

/** Merchants: directory, profiles, status history, ratings and sales figures. */
@Injectable()
export class MerchantsService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(IndexChanges) private readonly changes: IndexChanges,
  ) {
    this.#byAddresses = merchantsByAddress(database);
    this.#rows = new RowCache(ROW_CACHE_ENTRIES, config.searchCacheMs, merchantRows);
    changes.onEviction((eviction) => this.#rows.evict(eviction));
  }

  readonly #byAddresses: ReturnType<typeof merchantsByAddress>;
  /**
   * Every search page and product page shows merchants, a few hundred of them at 10,000 listings: their rows are kept
   * until they change (SEARCH_CACHE_MS bounds their age; 0 turns it off with the other row caches).
   */
  readonly #rows: RowCache<MerchantRow>;

  /** The directory in order of application, a keyset page at a time; totalCount counts only when it is asked for. */
  async list(args: { status?: string | null; first?: number | null; after?: string | null }) {
    const limit = pageSize(args.first, this.config.limits.maxPageSize);
    const after = args.after ? decodeKeyset(args.after, "merchants", ["int", "hex"], "after") : null;
    const status = args.status ? eq(merchants.status, args.status) : undefined;
    const db = this.database.db;
    const rows = await db
      .select()
      .from(merchants)
      .where(
        and(
          status,
          after ? sql`(${merchants.appliedBlock}, ${merchants.address}) > (${after[0]}, ${after[1]})` : undefined,
        ),
      )
      .orderBy(asc(merchants.appliedBlock), asc(merchants.address))
      .limit(limit + 1);
    const keyOf = (merchant: MerchantRow) => [merchant.appliedBlock, merchant.address];
    return {
      ...keysetConnection(rows, limit, "merchants", keyOf, after !== null),
      totalCount: async () => (await db.select({ total: count() }).from(merchants).where(status))[0].total,
    };
  }

  /** A merchant's row (from the row cache where it has it: a merchant's page is asked for as often as its products). */
  async byAddress(address: string): Promise<MerchantRow> {
    const [row] = await this.byAddresses([address]);
    if (!row) throw new NotFoundError("merchant", address);
    return row;
  }

  /** Rows by lowercase address, from the row cache where it has them. */
  async byAddresses(addresses: readonly string[]): Promise<(MerchantRow | undefined)[]> {
    if (this.config.searchCacheMs === 0) return this.#read(addresses);
    await this.changes.catchUp();
    return this.#rows.readThrough(addresses, (missing) => this.#read(missing));
  }

  async #read(addresses: readonly string[]): Promise<(MerchantRow | undefined)[]> {
    const rows = new Map((await this.#byAddresses.execute({ addresses })).map((row) => [row.address, row]));
    return addresses.map((address) => rows.get(address));
  }

  async statusHistories(addresses: readonly string[]) {
    const rows = await this.database.db
      .select()
      .from(merchantStatusHistory)
      .where(inArray(merchantStatusHistory.merchant, [...addresses]))
      .orderBy(asc(merchantStatusHistory.blockNumber), asc(merchantStatusHistory.logIndex));
    return addresses.map((address) => rows.filter((row) => row.merchant === address));
  }

  async ratings(addresses: readonly string[]) {
    const rows = await this.database.db
      .select()
      .from(ratingAggregates)
      .where(and(eq(ratingAggregates.subjectType, "merchant"), inArray(ratingAggregates.subject, [...addresses])));
    return addresses.map((address) => rows.find((row) => row.subject === address) ?? { reviewCount: 0, ratingSum: 0 });
  }

  /**
   * Per merchant and payment token: orders placed, completed (or resolved), and gross / settled amounts. Each order's
   * settlement is looked up by its key, so the cost is the merchants' own orders (a join let the planner hash every
   * settlement of the ledger for a busy merchant: at 100,000 listings, all 14,861 read for one with 659 orders).
   */
  async sales(addresses: readonly string[]) {
    const rows = await queryRows<{
      merchant: string;
      token: string;
      orders: number;
      completed: number;
      gross: string;
      settled: string;
    }>(
      this.database.db,
      sql`select o.merchant, o.token, count(*)::int as orders,
            (count(*) filter (where o.status in ('Completed', 'Resolved')))::int as completed,
            sum(o.total)::text as gross,
            coalesce(sum((select s.merchant_amount from settlements s where s.order_id = o.id)), 0)::text as settled
          from orders o
          where o.merchant in (${sql.join(
            addresses.map((address) => sql`${address}`),
            sql`, `,
          )})
          group by o.merchant, o.token order by o.token`,
    );
    return addresses.map((address) => rows.filter((row) => row.merchant === address));
  }

  /** The merchant's orders per UTC day of the block that placed them (unix seconds `from`..`to`), and token. */
  async salesByDay(merchant: string, range: { from?: number | null; to?: number | null }) {
    const { from, to } = range;
    if (from != null && to != null && from > to) throw new ValidationError("from", "must not be after to");
    const fromClause = from == null ? sql`` : sql` and o.placed_at >= ${from}`;
    const toClause = to == null ? sql`` : sql` and o.placed_at <= ${to}`;
    const rows = await queryRows<{ day: number; token: string; orders: number; completed: number; gross: string }>(
      this.database.db,
      sql`select (o.placed_at / ${DAY_SECONDS})::int as day, o.token, count(*)::int as orders,
            (count(*) filter (where o.status in ('Completed', 'Resolved')))::int as completed,
            sum(o.total)::text as gross
          from orders o
          where o.merchant = ${merchant}${fromClause}${toClause}
          group by 1, 2 order by 1, 2`,
    );
    return rows.map((row) => ({ ...row, day: new Date(row.day * DAY_SECONDS * 1000).toISOString().slice(0, 10) }));
  }
}
