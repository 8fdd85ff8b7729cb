/**
 * A Map that forgets its oldest entries past `capacity`, each in constant time. (A Map's own oldest entry is not:
 * V8 leaves a hole per deleted entry until it rehashes, and `keys().next()` walks every hole at the front, about
 * 7 µs per eviction at 10,000 entries and 12 µs at 20,000, paid by every request of a full cache.) Setting a key
 * again makes it the newest.
 */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, { value: V; at: number }>();
  /** Keys in the order they were set, each with when: a slot whose key was set again or deleted since is stale. */
  #order: { key: K; at: number }[] = [];
  #head = 0;
  #clock = 0;
  readonly #capacity: number;
  readonly #evicted: ((key: K, value: V) => void) | undefined;

  /** `evicted` hears of each entry forgotten for room (not of those deleted or cleared). */
  constructor(capacity: number, evicted?: (key: K, value: V) => void) {
    this.#capacity = capacity;
    this.#evicted = evicted;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): void {
    const at = ++this.#clock;
    this.#entries.set(key, { value, at });
    this.#order.push({ key, at });
    while (this.#entries.size > this.#capacity) this.#evictOldest();
    if (this.#head > 1024 && 2 * this.#head > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
    // Keys set again or deleted leave stale slots: past twice the live ones, keep only the live ones' slots.
    if (this.#order.length - this.#head > 2 * this.#capacity + 1024) this.#compact();
  }

  /** The key that would be forgotten next for room. */
  oldestKey(): K | undefined {
    const slot = this.#oldestSlot();
    return slot === undefined ? undefined : slot.key;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#order = [];
    this.#head = 0;
  }

  #evictOldest(): void {
    const slot = this.#oldestSlot();
    if (slot === undefined) return;
    this.#head++;
    const { value } = this.#entries.get(slot.key)!;
    this.#entries.delete(slot.key);
    this.#evicted?.(slot.key, value);
  }

  /** The slot of the oldest live entry, at the head once the stale slots before it are skipped. */
  #oldestSlot(): { key: K } | undefined {
    while (this.#head < this.#order.length) {
      const slot = this.#order[this.#head];
      if (this.#entries.get(slot.key)?.at === slot.at) return slot;
      this.#head++; // stale: its key was set again or deleted since
    }
    return undefined;
  }

  #compact(): void {
    // Sorted, for a Map keeps a key set again where it was first set.
    this.#order = [...this.#entries].map(([key, { at }]) => ({ key, at })).sort((a, b) => a.at - b.at);
    this.#head = 0;
  }
}
