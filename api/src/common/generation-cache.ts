/**
 * Values read from the index, kept while a generation counter stays where it was when they were read (for listings,
 * IndexChanges.listingsGeneration, bumped by every listing change the change log reports and by every reorg): a new
 * generation empties it, so nothing in it is older than the last change seen. The oldest entries go first past
 * `capacity`.
 */
export class GenerationCache<K, V> {
  readonly #values = new Map<K, V>();
  readonly #capacity: number;
  #generation = Number.NaN;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The value of `key` read in `generation`, if kept. */
  get(generation: number, key: K): V | undefined {
    this.#moveTo(generation);
    return this.#values.get(key);
  }

  /**
   * Keeps `value` for `key`, read while the counter stood at `readIn`; dropped when the counter has moved since
   * (`now`), as a change may have landed after the read.
   */
  remember(readIn: number, now: number, key: K, value: V): void {
    if (readIn !== now) return;
    this.#moveTo(now);
    this.#values.delete(key);
    this.#values.set(key, value);
    if (this.#values.size > this.#capacity) this.#values.delete(this.#values.keys().next().value as K);
  }

  get size(): number {
    return this.#values.size;
  }

  #moveTo(generation: number): void {
    if (generation === this.#generation) return;
    this.#values.clear();
    this.#generation = generation;
  }
}
