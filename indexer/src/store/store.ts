import { and, eq, getTableColumns, getTableName, sql, type InferSelectModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./db.ts";
import { metadataDocuments, undoLog } from "./schema.ts";
import { CHAIN_TABLES, type ChainTable } from "./tables.ts";

type Row = Record<string, unknown>;
export type RowOf<T extends PgTable> = InferSelectModel<T>;

const JSON_CHUNK_ROWS = 5_000;
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
  readonly #changed = new Map<ChainTable, Set<string>>();

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
      const [found] = await this.#tx
        .select()
        .from(table as PgTable)
        .where(where)
        .limit(1);
      cache.set(id, (found as Row | undefined) ?? null);
    }
    return (cache.get(id) ?? undefined) as RowOf<T> | undefined;
  }

  /**
   * Loads the rows of `keys` not seen yet in one query, so the handlers' reads that follow are served
   * from memory (absent rows remembered as absent). Only a hint: handlers work the same without it.
   */
  async prefetch(table: PgTable, keys: Row[]): Promise<void> {
    const entry = entryOf(table);
    const cache = this.#cacheOf(entry);
    const wanted = new Map<string, Row>();
    for (const key of keys) {
      const id = keyOf(entry, key);
      if (!cache.has(id)) wanted.set(id, key);
    }
    if (wanted.size === 0) return;
    const shape = shapeOf(table);
    const columns = entry.key.map((property) => shape.keyColumns.get(property)!);
    const types = entry.key.map((property) => getTableColumns(table)[property].getSQLType());
    const json = JSON.stringify(
      [...wanted.values()].map((key) =>
        Object.fromEntries(entry.key.map((property, i) => [columns[i].slice(1, -1), key[property]])),
      ),
    );
    const qualified = sql.raw(columns.map((c) => `"${getTableName(table)}".${c}`).join(", "));
    const selected = sql.raw(columns.join(", "));
    const record = sql.raw(columns.map((c, i) => `${c} ${types[i]}`).join(", "));
    const found = (await this.#tx
      .select()
      .from(table as PgTable)
      .where(
        sql`(${qualified}) IN (SELECT ${selected} FROM json_to_recordset(${json}::json) AS x(${record}))`,
      )) as Row[];
    for (const id of wanted.keys()) cache.set(id, null);
    for (const row of found) cache.set(keyOf(entry, row), row);
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

  /** The rows of a state table (see tables.ts) written so far in this batch, as last written. */
  changed<T extends PgTable>(table: T): RowOf<T>[] {
    const entry = entryOf(table);
    const cache = this.#cacheOf(entry);
    return [...(this.#changed.get(entry) ?? [])].map((id) => cache.get(id)) as RowOf<T>[];
  }

  /** The names of every table written so far in this batch. */
  written(): string[] {
    return [...this.#changed.keys()].map((entry) => entry.name);
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
    let changed = this.#changed.get(entry);
    if (!changed) this.#changed.set(entry, (changed = new Set()));
    if (entry.changing) changed.add(id);
    let dirty = this.#dirty.get(entry);
    if (!dirty) this.#dirty.set(entry, (dirty = new Map()));
    dirty.set(id, row);
  }

  #cacheOf(entry: ChainTable): Map<string, Row | null> {
    let cache = this.#rows.get(entry);
    if (!cache) this.#rows.set(entry, (cache = new Map()));
    return cache;
  }

  /**
   * Writes pending rows, undo records and metadata requests in bulk. What is pending is taken at the
   * call, so handlers may go on writing while the returned promise runs. `partial`: leave the rows of
   * changing tables (orders, items...) for the last flush of the batch, as later events of the batch
   * would make the server write them again (an order is placed, accepted, shipped and completed).
   */
  async flush(options: { partial?: boolean } = {}): Promise<void> {
    const dirty: [ChainTable, Row[]][] = [];
    for (const [entry, rows] of this.#dirty) {
      if (options.partial && entry.changing) continue;
      dirty.push([entry, [...rows.values()]]);
      this.#dirty.delete(entry);
    }
    const undo = this.#undo.splice(0) as Row[];
    const requests = [...this.#metadata].map(([cid, kind]) => ({
      cid,
      kind,
      status: "PENDING",
      attempts: 0,
      nextAttemptAt: 0,
    }));
    this.#metadata.clear();
    for (const [entry, rows] of dirty) await upsertAll(this.#tx, entry, rows);
    await bulkInsert(this.#tx, undoLog, undo, { ignore: true });
    await bulkInsert(this.#tx, metadataDocuments, requests, { ignore: true });
  }
}

/**
 * Upserts `rows` of a chain table, replacing rows with the same key. One statement per chunk whose only
 * parameter is the rows as JSON (`json_to_recordset`): no per-value parameters to build or parse.
 */
export async function upsertAll(tx: Tx, entry: ChainTable, rows: Row[]): Promise<void> {
  await bulkInsert(tx, entry.table, rows, { update: entry.key });
}

interface Shape {
  properties: string[];
  /** `"column":` of each property, in order: a row's JSON is built by concatenation, not via an object. */
  jsonKeys: string[];
  columns: string;
  record: string;
  keyColumns: Map<string, string>;
}
const SHAPES = new Map<PgTable, Shape>();

function shapeOf(table: PgTable): Shape {
  let shape = SHAPES.get(table);
  if (!shape) {
    const columns = Object.entries(getTableColumns(table)).filter(
      ([, column]) => !column.generated && column.columnType !== "PgBigSerial53",
    );
    shape = {
      properties: columns.map(([property]) => property),
      jsonKeys: columns.map(([, column], i) => `${i === 0 ? "{" : ","}${JSON.stringify(column.name)}:`),
      columns: columns.map(([, column]) => `"${column.name}"`).join(", "),
      record: columns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(", "),
      keyColumns: new Map(columns.map(([property, column]) => [property, `"${column.name}"`])),
    };
    SHAPES.set(table, shape);
  }
  return shape;
}

/** Inserts `rows` (TypeScript property names; serial and generated columns left out) in JSON chunks. */
export async function bulkInsert(
  tx: Tx,
  table: PgTable,
  rows: Row[],
  conflict: { update: readonly string[] } | { ignore: true },
): Promise<void> {
  if (rows.length === 0) return;
  const shape = shapeOf(table);
  let onConflict: string;
  if ("ignore" in conflict) {
    onConflict = "ON CONFLICT DO NOTHING";
  } else {
    const target = conflict.update.map((property) => shape.keyColumns.get(property)).join(", ");
    const set = shape.properties
      .filter((property) => !conflict.update.includes(property))
      .map((property) => `${shape.keyColumns.get(property)} = excluded.${shape.keyColumns.get(property)}`);
    onConflict = `ON CONFLICT (${target}) DO ${set.length > 0 ? `UPDATE SET ${set.join(", ")}` : "NOTHING"}`;
  }
  // json, not jsonb: the server parses the text once while reading the records instead of building a jsonb tree first.
  const into = `INSERT INTO "${getTableName(table)}" (${shape.columns})`;
  const head = `${into} SELECT ${shape.columns} FROM json_to_recordset(`;
  const tail = `::json) AS x(${shape.record}) ${onConflict}`;
  for (let start = 0; start < rows.length; start += JSON_CHUNK_ROWS) {
    const chunk = rowsJson(shape, rows, start, Math.min(rows.length, start + JSON_CHUNK_ROWS));
    await tx.execute(sql`${sql.raw(head)}${chunk}${sql.raw(tail)}`);
  }
}

/** `rows[start..end)` as a JSON array of objects keyed by column name (undefined as null). */
function rowsJson(shape: Shape, rows: Row[], start: number, end: number): string {
  const { properties, jsonKeys } = shape;
  const parts: string[] = [];
  for (let r = start; r < end; r++) {
    const row = rows[r];
    let json = "";
    for (let i = 0; i < properties.length; i++) {
      const value = row[properties[i]];
      json +=
        jsonKeys[i] +
        (value === undefined || value === null
          ? "null"
          : typeof value === "number" && Number.isFinite(value)
            ? String(value)
            : JSON.stringify(value));
    }
    parts.push(`${json}}`);
  }
  return `[${parts.join(",")}]`;
}

function entryOf(table: PgTable): ChainTable {
  const entry = ENTRY.get(table);
  if (!entry) throw new TypeError("the Store writes chain tables only");
  return entry;
}

function keyValues(entry: ChainTable, row: Row): Row {
  return Object.fromEntries(entry.key.map((column) => [column, row[column]]));
}

/** A row's identity within its table: the key values (strings or numbers) joined by a separator they never hold. */
function keyOf(entry: ChainTable, row: Row): string {
  const key = entry.key;
  if (key.length === 1) return String(row[key[0]]);
  let id = String(row[key[0]]);
  for (let i = 1; i < key.length; i++) id += `\u0001${row[key[i]]}`;
  return id;
}
