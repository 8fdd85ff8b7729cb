import { BoundedMap } from "./bounded-map.ts";
import type { Eviction } from "./eviction.ts";
import { KeysByEntity } from "./keys-by-entity.ts";
import { RecentEvictions } from "./recent-evictions.ts";

/** How a cache's rows are keyed, and the entity (a type and id of the index's change log) each belongs to. */
export interface RowIdentity<Row> {
  /** The type of the change log's evictions that name these rows' entities (evictionOf in index-changes.ts). */
  typename: string;
  keyOf(row: Row): string;
  /** The entity's id as the change log's evictions name it. */
  entityIdOf(row: Row): string;
}

/**
 * Rows read from the database, kept by key until the index's change log reports a change of their entity (or of
 * every entity of their type), or a reorg, and at most `maxAgeMs`: a block that changes other entities leaves them.
 * A row whose read such a change overtook is not kept; callers take `position` before reading. The oldest rows go
 * first past `capacity`.
 */
export class RowCache<Row> {
  readonly #rows: BoundedMap<string, { row: Row; at: number }>;
  readonly #keysByEntity = new KeysByEntity();
  readonly #evictions = new RecentEvictions();
  readonly #maxAgeMs: number;
  readonly #identity: RowIdentity<Row>;

  constructor(capacity: number, maxAgeMs: number, identity: RowIdentity<Row>) {
    this.#rows = new BoundedMap(capacity, (key, { row }) => this.#unlink(key, row));
    this.#maxAgeMs = maxAgeMs;
    this.#identity = identity;
  }

  /** Where the change log stood: read it before reading a row to `remember`. */
  get position(): number {
    return this.#evictions.position;
  }

  get size(): number {
    return this.#rows.size;
  }

  get(key: string, now = Date.now()): Row | undefined {
    const kept = this.#rows.get(key);
    if (kept && now - kept.at < this.#maxAgeMs) return kept.row;
    if (kept) this.#forget(key, kept.row);
    return undefined;
  }

  /**
   * The rows of `keys`: those kept, and the others from `read` (given the missing keys, in order; not called when none
   * is missing), each kept unless a change of its entity overtook the read.
   */
  async readThrough(
    keys: readonly string[],
    read: (missing: string[]) => Promise<(Row | undefined)[]>,
  ): Promise<(Row | undefined)[]> {
    const readAt = this.position;
    const rows = keys.map((key) => this.get(key));
    const missing = keys.filter((_, index) => rows[index] === undefined);
    if (missing.length === 0) return rows;
    const fresh = await read(missing);
    let next = 0;
    for (const [index, row] of rows.entries()) {
      if (row !== undefined) continue;
      const readRow = fresh[next++];
      if (readRow) this.remember(readAt, readRow);
      rows[index] = readRow;
    }
    return rows;
  }

  /** Keeps `row`, read after the change log stood at `readAt`, unless a change of its entity came since. */
  remember(readAt: number, row: Row, now = Date.now()): void {
    const { typename, keyOf, entityIdOf } = this.#identity;
    const [key, entity] = [keyOf(row), entityIdOf(row)];
    if (this.#evictions.concernSince(readAt, [{ typename, id: entity }])) return;
    const previous = this.#rows.get(key);
    if (previous) this.#forget(key, previous.row);
    this.#rows.set(key, { row, at: now });
    this.#keysByEntity.file(entity, key);
  }

  evict(eviction: Eviction): void {
    this.#evictions.record(eviction);
    const ofType = eviction === "all" ? [] : eviction.filter((entity) => entity.typename === this.#identity.typename);
    if (eviction === "all" || ofType.some((entity) => entity.id === undefined)) {
      this.#rows.clear();
      this.#keysByEntity.clear();
      return;
    }
    for (const entity of ofType) for (const key of this.#keysByEntity.take(entity.id!)) this.#rows.delete(key);
  }

  #forget(key: string, row: Row): void {
    this.#rows.delete(key);
    this.#unlink(key, row);
  }

  #unlink(key: string, row: Row): void {
    this.#keysByEntity.unfile(this.#identity.entityIdOf(row), key);
  }
}
