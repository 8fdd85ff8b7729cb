import { and, eq, getTableColumns, sql, type InferSelectModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./db.ts";
import { metadataDocuments, undoLog } from "./schema.ts";
import { CHAIN_TABLES, type ChainTable } from "./tables.ts";

type Row = Record<string, unknown>;
export type RowOf<T extends PgTable> = InferSelectModel<T>;

const CHUNK_ROWS = 500;
const ENTRY = new Map<PgTable, ChainTable>(CHAIN_TABLES.map((entry) => [entry.table, entry]));

/**
 * What handlers read and write: the chain tables as seen inside one batch transaction. Writes are kept
 * in memory and flushed in bulk; the first write of a row in an unfinalized block records its prior
 * image in `undo_log`, so a reorg can restore it.
 */
export class Store {
  readonly #tx: Tx;
  readonly #finalizedThrough: number;
  #block = 0;
  readonly #rows = new Map<ChainTable, Map<string, Row | null>>();
  readonly #dirty = new Map<ChainTable, Map<string, Row>>();
  readonly #undone = new Set<string>();
  readonly #undo: (typeof undoLog.$inferInsert)[] = [];
  readonly #metadata = new Map<string, string>();

  /** Writes in blocks above `finalizedThrough` are undoable. */
  constructor(tx: Tx, finalizedThrough: number) {
    this.#tx = tx;
    this.#finalizedThrough = finalizedThrough;
  }

  /** The block whose events are being applied. */
  atBlock(blockNumber: number): void {
    this.#block = blockNumber;
  }

  async get<T extends PgTable>(table: T, key: Partial<RowOf<T>>): Promise<RowOf<T> | undefined> {
    const entry = entryOf(table);
    const id = keyOf(entry, key as Row);
    const cache = this.#cacheOf(entry);
    if (!cache.has(id)) {
      const columns = getTableColumns(table);
      const where = and(...entry.key.map((column) => eq(columns[column], (key as Row)[column])));
      const [found] = await this.#tx.select().from(table as PgTable).where(where).limit(1);
      cache.set(id, (found as Row | undefined) ?? null);
    }
    return (cache.get(id) ?? undefined) as RowOf<T> | undefined;
  }

  /** Writes a whole row, replacing the one with the same key. */
  async put<T extends PgTable>(table: T, row: RowOf<T>): Promise<void> {
    const old = await this.get(table, row);
    this.#write(entryOf(table), row as Row, (old as Row | undefined) ?? null);
  }

  /** Writes a row whose key cannot exist yet: it holds the log position, or an id the contract guarantees new. */
  insert<T extends PgTable>(table: T, row: RowOf<T>): void {
    const entry = entryOf(table);
    this.#cacheOf(entry).set(keyOf(entry, row as Row), row as Row);
    this.#write(entry, row as Row, null);
  }

  /** Queues a CID for asynchronous resolution; content-addressed, so never rolled back. */
  requestMetadata(cid: string, kind: string): void {
    if (cid !== "") this.#metadata.set(cid, kind);
  }

  #write(entry: ChainTable, row: Row, old: Row | null): void {
    const id = keyOf(entry, row);
    if (this.#block > this.#finalizedThrough && !this.#undone.has(`${this.#block}:${entry.name}:${id}`)) {
      this.#undone.add(`${this.#block}:${entry.name}:${id}`);
      this.#undo.push({ blockNumber: this.#block, tableName: entry.name, key: keyValues(entry, row), old });
    }
    this.#cacheOf(entry).set(id, row);
    let dirty = this.#dirty.get(entry);
    if (!dirty) this.#dirty.set(entry, (dirty = new Map()));
    dirty.set(id, row);
  }

  #cacheOf(entry: ChainTable): Map<string, Row | null> {
    let cache = this.#rows.get(entry);
    if (!cache) this.#rows.set(entry, (cache = new Map()));
    return cache;
  }

  /** Number of rows written since the last flush. */
  get pendingWrites(): number {
    let count = 0;
    for (const rows of this.#dirty.values()) count += rows.size;
    return count;
  }

  /** Writes every pending row, undo record and metadata request in bulk. */
  async flush(): Promise<void> {
    for (const [entry, rows] of this.#dirty) await upsertAll(this.#tx, entry, [...rows.values()]);
    this.#dirty.clear();
    for (const chunk of chunks(this.#undo)) await this.#tx.insert(undoLog).values(chunk);
    this.#undo.length = 0;
    const requests = [...this.#metadata].map(([cid, kind]) => ({ cid, kind, status: "PENDING" }));
    for (const chunk of chunks(requests)) await this.#tx.insert(metadataDocuments).values(chunk).onConflictDoNothing();
    this.#metadata.clear();
  }
}

export async function upsertAll(tx: Tx, entry: ChainTable, rows: Row[]): Promise<void> {
  const columns = getTableColumns(entry.table);
  const target = entry.key.map((column) => columns[column]);
  const set = Object.fromEntries(
    Object.entries(columns)
      .filter(([property]) => !entry.key.includes(property))
      .map(([property, column]) => [property, sql.raw(`excluded."${column.name}"`)]),
  );
  for (const chunk of chunks(rows)) {
    await tx.insert(entry.table).values(chunk).onConflictDoUpdate({ target, set });
  }
}

function entryOf(table: PgTable): ChainTable {
  const entry = ENTRY.get(table);
  if (!entry) throw new TypeError("the Store writes chain tables only");
  return entry;
}

function keyValues(entry: ChainTable, row: Row): Row {
  return Object.fromEntries(entry.key.map((column) => [column, row[column]]));
}

function keyOf(entry: ChainTable, row: Row): string {
  return JSON.stringify(entry.key.map((column) => row[column]));
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK_ROWS) yield items.slice(start, start + CHUNK_ROWS);
}
