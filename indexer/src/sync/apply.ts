import type { Db } from "../store/db.ts";
import { Store } from "../store/store.ts";
import { batchChanges, productChanges, recordChanges } from "../store/index-changes.ts";
import { batchProductChanges, refreshStorefrontProducts } from "../store/storefront-products.ts";
import { advanceCursor, readCursor } from "../store/sync-state.ts";
import type { PgTable } from "drizzle-orm/pg-core";
import { handlerOf } from "../handlers/index.ts";
import { prefetchOf } from "../handlers/prefetch.ts";
import type { ChainEvent } from "../handlers/types.ts";
import type { BlockHeader } from "./rpc.ts";

export interface Batch {
  chainId: number;
  /**
   * Events of blocks after the cursor up to `head`, in chain order: one array, or consecutive chunks
   * (decoded lazily, perhaps as their logs arrive) whose rows are written while the next chunk is decoded.
   */
  events: ChainEvent[] | Iterable<ChainEvent[]> | AsyncIterable<ChainEvent[]>;
  /** The last block of the batch: the new cursor. */
  head: BlockHeader;
  /** Headers of the batch's unfinalized blocks, kept to find a reorg's common ancestor. */
  headers: BlockHeader[];
  finalizedThrough: number;
}

/**
 * Applies a batch and moves the cursor in one transaction: a crash leaves either all of it or none.
 * Events at or below the committed cursor, or delivered twice, are skipped, so redelivery is harmless.
 */
export async function applyBatch(db: Db, batch: Batch): Promise<number> {
  return db.transaction(async (tx) => {
    const cursor = await readCursor(tx);
    const store = new Store(tx, batch.finalizedThrough);
    const seen = new Set<string>();
    const chunks =
      Array.isArray(batch.events) && !Array.isArray(batch.events[0])
        ? [batch.events as ChainEvent[]]
        : (batch.events as Iterable<ChainEvent[]> | AsyncIterable<ChainEvent[]>);
    let applied = 0;
    let writing: Promise<void> = Promise.resolve();
    for await (const chunk of chunks) {
      // The previous chunk's rows are on their way to the server while this chunk was decoded; its
      // statements precede this chunk's reads on the connection, so reads see them.
      await writing;
      const events = chunk.filter((event) => {
        const id = `${event.blockHash}:${event.logIndex}`;
        if ((cursor && event.blockNumber <= cursor.block) || event.blockNumber > batch.head.number || seen.has(id))
          return false;
        seen.add(id);
        return true;
      });
      const reads = new Map<PgTable, Record<string, unknown>[]>();
      for (const event of events) {
        const prefetch = prefetchOf(event.contract, event.name);
        if (!prefetch) continue;
        for (const [table, key] of prefetch(event)) {
          let keys = reads.get(table);
          if (!keys) reads.set(table, (keys = []));
          keys.push(key);
        }
      }
      for (const [table, keys] of reads) await store.prefetch(table, keys);
      for (const event of events) {
        store.atBlock(event.blockNumber);
        await handlerOf(event.contract, event.name)!(event, store); // the decoder yields only events with a handler
        applied++;
      }
      writing = store.flush({ partial: true });
      writing.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    }
    await writing;
    await store.flush();
    const products = await refreshStorefrontProducts(tx, batchProductChanges(store));
    await recordChanges(tx, [...batchChanges(store), ...productChanges(products)]);
    await advanceCursor(tx, batch.chainId, batch.head, batch.headers, batch.finalizedThrough);
    return applied;
  });
}
