import { Inject, Injectable } from "@nestjs/common";
import { DATABASE, queryRows, sql, type Database } from "../database.ts";

/** Requests arriving within this long of a read share it; also the longest a change can go unseen. */
const SHARED_READ_MS = 10;

/**
 * The version of the indexed data, the key of the API's read caches: every row the API serves changes
 * only when the indexer commits a batch, which moves (or, after a reorg, rewinds) its cursor block, or
 * when the metadata resolver records a document, which bumps `metadata_version`. Under load one read
 * serves every request of a SHARED_READ_MS window instead of one read per request.
 */
@Injectable()
export class IndexVersion {
  #read: Promise<string> | undefined;
  #readAt = 0;

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  current(): Promise<string> {
    const now = performance.now();
    if (!this.#read || now - this.#readAt > SHARED_READ_MS) {
      this.#readAt = now;
      const read = queryRows<{ cursor: number | null; metadata: number | null }>(
        this.database.db,
        sql`select (select cursor_block::float8 from sync_state where id = 1) as cursor, (select version::float8 from metadata_version where id = 1) as metadata`,
      ).then(([row]) => `${row.cursor}:${row.metadata}`);
      read.catch(() => {
        if (this.#read === read) this.#read = undefined;
      });
      this.#read = read;
    }
    return this.#read;
  }
}
