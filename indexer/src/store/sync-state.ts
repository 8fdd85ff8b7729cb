import { and, desc, eq, getTableColumns, gt, lt, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "./db.ts";
import { syncBlocks, syncState, undoLog } from "./schema.ts";
import { chainTableNamed } from "./tables.ts";
import { upsertAll } from "./store.ts";
import { recordChanges } from "./index-changes.ts";
import { refreshStorefrontProducts, type ProductChanges } from "./storefront-products.ts";
import type { BlockHeader } from "../sync/rpc.ts";

export interface Cursor {
  chainId: number;
  block: number;
  hash: string;
}

export async function readCursor(db: Db | Tx): Promise<Cursor | undefined> {
  const [row] = await db.select().from(syncState).where(eq(syncState.id, 1));
  return row ? { chainId: row.chainId, block: row.cursorBlock, hash: row.cursorHash } : undefined;
}

/** A header as `sync_blocks` keeps it: enough to find where a reorg forked. */
export type StoredBlock = Omit<BlockHeader, "timestamp">;

/** Stored unfinalized headers, newest first: the candidates for a reorg's common ancestor. */
export async function knownBlocks(db: Db): Promise<StoredBlock[]> {
  const rows = await db.select().from(syncBlocks).orderBy(desc(syncBlocks.number));
  return rows.map((row) => ({
    number: row.number,
    hash: row.hash as BlockHeader["hash"],
    parentHash: row.parentHash as BlockHeader["parentHash"],
  }));
}

/**
 * Moves the cursor to `head` within the batch transaction, remembers the unfinalized headers, and
 * forgets headers and undo records at or below `finalizedThrough`, which no reorg may touch.
 */
export async function advanceCursor(
  tx: Tx,
  chainId: number,
  head: BlockHeader,
  headers: BlockHeader[],
  finalizedThrough: number,
): Promise<void> {
  const keep = [...new Map([...headers, head].map((header) => [header.number, header])).values()];
  await tx
    .insert(syncBlocks)
    .values(keep.map((h) => ({ number: h.number, hash: h.hash, parentHash: h.parentHash })))
    .onConflictDoUpdate({
      target: syncBlocks.number,
      set: { hash: sql`excluded.hash`, parentHash: sql`excluded.parent_hash` },
    });
  await tx.delete(syncBlocks).where(lt(syncBlocks.number, Math.min(finalizedThrough, head.number)));
  await tx.delete(undoLog).where(lte(undoLog.blockNumber, finalizedThrough));
  const cursor = { chainId, cursorBlock: head.number, cursorHash: head.hash };
  await tx
    .insert(syncState)
    .values({ id: 1, ...cursor })
    .onConflictDoUpdate({ target: syncState.id, set: cursor });
}

/** Restores every chain table to its state after block `ancestor`, in one transaction. */
export async function rollbackTo(db: Db, ancestor: StoredBlock): Promise<number> {
  return db.transaction(async (tx) => {
    const entries = await tx
      .select()
      .from(undoLog)
      .where(gt(undoLog.blockNumber, ancestor.number))
      .orderBy(desc(undoLog.id));
    for (const entry of entries) {
      const chainTable = chainTableNamed(entry.tableName);
      const columns = getTableColumns(chainTable.table);
      const key = entry.key as Record<string, unknown>;
      await tx.delete(chainTable.table).where(and(...chainTable.key.map((column) => eq(columns[column], key[column]))));
      if (entry.old) await upsertAll(tx, chainTable, [entry.old as Record<string, unknown>]);
    }
    await refreshStorefrontProducts(tx, productsUndone(entries));
    await recordChanges(tx, [{ kind: "all", key: `reorg to ${ancestor.number}` }]);
    await tx.delete(undoLog).where(gt(undoLog.blockNumber, ancestor.number));
    await tx.delete(syncBlocks).where(gt(syncBlocks.number, ancestor.number));
    await tx
      .update(syncState)
      .set({ cursorBlock: ancestor.number, cursorHash: ancestor.hash })
      .where(eq(syncState.id, 1));
    return entries.length;
  });
}

/** The products whose storefront rows the undone writes touched. */
function productsUndone(entries: { tableName: string; key: unknown }[]): ProductChanges {
  const changes = { products: [] as { merchant: string; sku: string }[], listingIds: [] as string[] };
  for (const { tableName, key } of entries) {
    const values = key as Record<string, string>;
    if (tableName === "listings") changes.products.push({ merchant: values.merchant, sku: values.sku });
    else if (tableName === "listing_versions") changes.listingIds.push(values.id);
    else if (tableName === "rating_aggregates" && values.subjectType === "listing")
      changes.listingIds.push(values.subject);
  }
  return changes;
}
