import { Inject, Injectable } from "@nestjs/common";
import { DATABASE, queryRows, sql, type Database } from "../database.ts";

/** Requests arriving within this long of a read share it; also the longest a committed batch can go unseen. */
const SHARED_READ_MS = 10;

/**
 * The indexer's committed block (`sync_state.cursor_block`), the key of the API's read caches: every
 * row the API serves changes only when the indexer commits a batch, which moves (or, after a reorg,
 * rewinds) this cursor. Under load one read serves every request of a SHARED_READ_MS window instead
 * of one read per request.
 */
@Injectable()
export class IndexedBlock {
  #read: Promise<number | null> | undefined;
  #readAt = 0;

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  current(): Promise<number | null> {
    const now = performance.now();
    if (!this.#read || now - this.#readAt > SHARED_READ_MS) {
      this.#readAt = now;
      const read = queryRows<{ cursor: number }>(this.database.db, sql`select cursor_block::float8 as cursor from sync_state where id = 1`).then(([state]) => state?.cursor ?? null);
      read.catch(() => {
        if (this.#read === read) this.#read = undefined;
      });
      this.#read = read;
    }
    return this.#read;
  }
}
