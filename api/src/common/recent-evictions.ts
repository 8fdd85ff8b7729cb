import type { Eviction } from "./eviction.ts";

/** How many evictions are remembered; a response computed across more than this is not stored. */
const KEPT = 10_000;

/**
 * The evictions the index's change log caused, numbered. A response computed while one of them concerned what it
 * shows may hold data from before the change; it must not be stored, or it would outlive the eviction.
 */
export class RecentEvictions {
  #position = 0;
  readonly #entries: { position: number; eviction: Eviction }[] = [];

  /** The number of the last eviction recorded. */
  get position(): number {
    return this.#position;
  }

  record(eviction: Eviction): void {
    this.#entries.push({ position: ++this.#position, eviction });
    if (this.#entries.length > KEPT) this.#entries.shift();
  }

  /** Whether an eviction after `position` may concern a response holding `entities`. */
  concernSince(position: number, entities: Iterable<{ typename: string; id?: string | number }>): boolean {
    if (this.#position === position) return false;
    if ((this.#entries[0]?.position ?? Infinity) > position + 1) return true; // forgotten: assume it did
    const held = [...entities];
    // Newest first, back to `position`: a read started moments ago scans only the evictions since.
    for (let i = this.#entries.length - 1; i >= 0 && this.#entries[i].position > position; i--) {
      const { eviction } = this.#entries[i];
      if (
        eviction === "all" ||
        eviction.some((evicted) =>
          held.some(
            (entity) =>
              entity.typename === evicted.typename && (evicted.id === undefined || String(entity.id) === evicted.id),
          ),
        )
      )
        return true;
    }
    return false;
  }
}
