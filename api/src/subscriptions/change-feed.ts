import { Inject, Injectable, type OnModuleDestroy } from "@nestjs/common";
import type { Logger } from "pino";
import { CONFIG, LOGGER } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { DATABASE, queryRows, sql, type Database } from "../database.ts";

/** What changed in one committed batch: keys `order:<id>`, `merchant-orders:<merchant>`, `listing:<merchant>:<sku>`. */
type Listener = () => void;

/**
 * Tells subscribers which orders and listings the indexer's committed batches changed. It polls the
 * indexer's committed cursor (`sync_state.cursor_block`, one-row read) every `subscriptionPollMs`
 * while anyone listens; when the cursor moves, the rows whose `block_number` lies in the new range
 * are the changed ones. Polling the database works the same for the in-process indexer of `npm start`
 * and for replicas reading a PostgreSQL the indexer writes from another process; a reorg (cursor moving
 * back) re-reads from the new cursor. Orders also change apart from blocks when the indexer resolves their tracking
 * document: those come from the change log (`index_changes`), read past the last change id seen.
 */
@Injectable()
export class ChangeFeed implements OnModuleDestroy {
  readonly #listeners = new Map<string, Set<Listener>>();
  #timer: NodeJS.Timeout | undefined;
  #cursor: number | null = null;
  #changeId: number | null = null;
  /** The poll whose reads are in flight, which every caller of #poll meanwhile waits for. */
  #inFlight: Promise<void> | undefined;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Calls `listener` after every committed batch that changed `key`, until the returned function is called. */
  listen(key: string, listener: Listener): () => void {
    const set = this.#listeners.get(key) ?? new Set();
    set.add(listener);
    this.#listeners.set(key, set);
    this.#start();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(key);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  /**
   * Once armed (listening, with the cursor read), an iterator that yields once per committed batch that changed
   * `key` (changes arriving while the consumer is busy coalesce), until returned. Armed before it is handed out,
   * so a batch committed after the subscriber got its response counts.
   */
  async changes(key: string): Promise<AsyncIterableIterator<void>> {
    let pending = false;
    let closed = false;
    let wake: (() => void) | undefined;
    const stop = this.listen(key, () => {
      pending = true;
      wake?.();
    });
    await this.#poll();
    const feed: AsyncIterableIterator<void> = {
      [Symbol.asyncIterator]: () => feed,
      async next() {
        if (!pending && !closed) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        pending = false;
        return closed ? { value: undefined, done: true } : { value: undefined, done: false };
      },
      async return() {
        closed = true;
        stop();
        wake?.();
        return { value: undefined, done: true };
      },
    };
    return feed;
  }

  /** Stops polling, and waits for a poll in flight: the database may be closed once the module is gone. */
  async onModuleDestroy(): Promise<void> {
    this.#listeners.clear();
    this.#stop();
    await this.#inFlight;
  }

  #start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#poll(), this.config.subscriptionPollMs);
    this.#timer.unref();
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#cursor = null;
    this.#changeId = null;
  }

  #poll(): Promise<void> {
    this.#inFlight ??= this.#read().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  async #read(): Promise<void> {
    try {
      const db = this.database.db;
      const [state] = await queryRows<{ cursor: number; changeId: number }>(
        db,
        sql`select (select cursor_block::float8 from sync_state where id = 1) as cursor,
              (select coalesce(max(id), 0)::float8 from index_changes) as "changeId"`,
      );
      const cursor = state.cursor ?? 0;
      const [last, lastChangeId] = [this.#cursor, this.#changeId];
      [this.#cursor, this.#changeId] = [cursor, state.changeId];
      const none = Promise.resolve([]);
      const moved = last !== null && cursor !== last;
      const from = Math.min(last ?? cursor, cursor);
      // Read together and told once: a batch is in both the block range and the change log.
      const changed = await Promise.all([
        lastChangeId !== null && state.changeId > lastChangeId
          ? queryRows<{ key: string }>(
              db,
              sql`select 'order:' || key as key from index_changes
                  where kind = 'order' and id > ${lastChangeId} and id <= ${state.changeId}`,
            )
          : none,
        moved
          ? queryRows<{ key: string }>(
              db,
              sql`select unnest(array['order:' || id::text, 'merchant-orders:' || merchant]) as key from orders
                  where block_number > ${from} and block_number <= ${cursor}`,
            )
          : none,
        moved
          ? queryRows<{ key: string }>(
              db,
              sql`select 'listing:' || merchant || ':' || sku::text as key from listings
                  where block_number > ${from} and block_number <= ${cursor}`,
            )
          : none,
      ]);
      for (const key of new Set(changed.flat().map((row) => row.key)))
        for (const listener of this.#listeners.get(key) ?? []) listener();
    } catch (error) {
      this.logger.warn({ err: error }, "change feed poll failed");
    }
  }
}
