import { Inject, Injectable } from "@nestjs/common";
import type { Logger } from "pino";
import { getAddress } from "viem";
import { DATABASE, preparedRows, queryRows, sql, type Database, type PreparedStatement } from "../database.ts";
import type { Eviction } from "./eviction.ts";
import { LOGGER } from "./tokens.ts";

/** Requests arriving within this long of a read of the change log share it; also the longest a change can go unseen. */
const SHARED_READ_MS = 10;
/**
 * More new changes than this at one read (a reader far behind): evicting everything is cheaper than each. A batch
 * logs up to 1,000 entities and a product change beside each listing's.
 */
const MAX_CHANGES_PER_READ = 2_000;

/** The changes after id $1 (at most $2), with the oldest and newest ids kept: read up to 100 times a second. */
const CHANGES_AFTER: PreparedStatement = {
  name: "index_changes_after",
  text: `select id::float8 as id, kind, key, (select coalesce(min(id), 0)::float8 from index_changes) as first,
      (select max(id)::float8 from index_changes) as newest
    from index_changes where id > $1::bigint order by id limit $2`,
};

/** Tables written without an entity of their own, and the types whose cached responses show their rows. */
const TABLE_TYPES: Readonly<Record<string, string[]>> = {
  merchant_status_history: ["Merchant"],
  order_lines: ["Order", "OrderConnection"],
  order_timeline: ["Order", "OrderConnection"],
  disputes: ["Order", "OrderConnection"],
  settlements: ["Order", "OrderConnection", "Account"],
  voucher_redemptions: ["Order", "OrderConnection", "Voucher"],
  voucher_revocations: ["Voucher"],
  balances: ["Order", "OrderConnection", "Account"],
  reviews: ["Review"],
  provenance_events: ["ProvenanceTrace", "Item", "ProvenanceEvent", "ProvenanceEventConnection"],
  provenance_event_items: ["ProvenanceTrace", "Item", "ProvenanceEvent", "ProvenanceEventConnection"],
  custody_transfers: ["ProvenanceTrace", "Item", "CustodyTransfer"],
  aggregation_links: ["ProvenanceTrace", "Item", "AggregationLink"],
  attestations: ["ProvenanceTrace", "Item", "Attestation", "AttestationConnection"],
  scheduled_operations: ["ScheduledOperation", "ScheduledOperationConnection"],
};

/** The cached responses one change of the index (a row of the indexer's `index_changes`) makes stale. */
export function evictionOf(change: { kind: string; key: string }): Eviction {
  switch (change.kind) {
    case "listing":
      return [{ typename: "Listing", id: change.key }, { typename: "ListingConnection" }];
    case "product":
      // No response shows a product as such: the product row cache evicts by it (its listings change alongside).
      return [{ typename: "Product", id: change.key }];
    case "merchant":
      return [{ typename: "Merchant", id: getAddress(change.key) }, { typename: "MerchantConnection" }];
    case "order":
      // An account's funds include what its open orders hold.
      return [{ typename: "Order", id: change.key }, { typename: "OrderConnection" }, { typename: "Account" }];
    case "item":
      return [{ typename: "Item", id: change.key }, { typename: "ProvenanceTrace" }, { typename: "ItemConnection" }];
    case "table":
      return TABLE_TYPES[change.key]?.map((typename) => ({ typename })) ?? "all";
    default:
      return "all";
  }
}

type Listener = (eviction: Eviction) => void;

/**
 * Follows the indexer's change log (`index_changes`: what each batch, rollback and resolved document changed)
 * and tells the caches what to evict, on every replica alike, since each reads the log from the database.
 * `catchUp()` before a cache lookup makes sure every change committed before it (up to SHARED_READ_MS
 * earlier) was applied; under load one read of the log serves every request of that window.
 */
@Injectable()
export class IndexChanges {
  readonly #listeners = new Set<Listener>();
  #last: number | undefined;
  #read: Promise<void> | undefined;
  #readAt = 0;
  /** Bumped by every change that can alter a listing search's answer. */
  listingsGeneration = 0;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Calls `listener` with what to evict after each change read from the log. */
  onEviction(listener: Listener): void {
    this.#listeners.add(listener);
  }

  catchUp(): Promise<void> {
    const now = performance.now();
    if (!this.#read || now - this.#readAt > SHARED_READ_MS) {
      this.#readAt = now;
      const read = this.#readLog();
      read.catch((error: unknown) => {
        this.logger.warn({ err: error }, "index change log read failed");
        if (this.#read === read) this.#read = undefined;
      });
      this.#read = read;
    }
    return this.#read;
  }

  async #readLog(): Promise<void> {
    const db = this.database.db;
    if (this.#last === undefined) {
      const [start] = await queryRows<{ last: number }>(
        db,
        sql`select coalesce(max(id), 0)::float8 as last from index_changes`,
      );
      this.#last = start.last;
      return;
    }
    const rows = await preparedRows<{ id: number; kind: string; key: string; first: number; newest: number }>(
      this.database,
      CHANGES_AFTER,
      [this.#last, MAX_CHANGES_PER_READ + 1],
    );
    if (rows.length === 0) return;
    // Rows between the last one read and the oldest kept were forgotten, or too many came: evict everything.
    const missed = rows[0].first > this.#last + 1 || rows.length > MAX_CHANGES_PER_READ;
    this.#last = missed ? rows[0].newest : rows.at(-1)!.id;
    const evictions = missed ? ["all" as const] : rows.map(evictionOf);
    for (const eviction of evictions) {
      if (eviction === "all" || eviction.some((entity) => entity.typename === "Listing")) this.listingsGeneration++;
      for (const listener of this.#listeners) listener(eviction);
    }
  }
}
