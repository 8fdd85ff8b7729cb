/**
 * Cache keys filed under the entities of the index their entries show (a key may be filed under several), so a
 * change of an entity finds the entries to drop. An entity is forgotten with its last key.
 */
export class KeysByEntity {
  readonly #keys = new Map<string, Set<string>>();

  /** How many entities have keys filed under them. */
  get size(): number {
    return this.#keys.size;
  }

  file(entity: string, key: string): void {
    let keys = this.#keys.get(entity);
    if (keys === undefined) this.#keys.set(entity, (keys = new Set()));
    keys.add(key);
  }

  unfile(entity: string, key: string): void {
    const keys = this.#keys.get(entity);
    keys?.delete(key);
    if (keys?.size === 0) this.#keys.delete(entity);
  }

  /** The keys filed under `entity`, which is forgotten. */
  take(entity: string): Iterable<string> {
    const keys = this.#keys.get(entity) ?? [];
    this.#keys.delete(entity);
    return keys;
  }

  clear(): void {
    this.#keys.clear();
  }
}
