import type { Cache } from "@graphql-yoga/plugin-response-cache";
import type { ExecutionResult } from "graphql";
import { BoundedMap } from "./bounded-map.ts";
import { KeysByEntity } from "./keys-by-entity.ts";

/** An entity of a response as the plugin collects them (ids may be numbers). */
interface Entity {
  typename: string;
  id?: string | number | null;
}

interface Stored {
  result: ExecutionResult;
  /** The entity keys it is filed under: `Type` and `Type:id`. */
  entityKeys: string[];
  expiresAt: number;
}

const entityKey = ({ typename, id }: Entity) => (id == null ? typename : `${typename}:${id}`);

/**
 * The response cache's memory: up to `capacity` responses by key, each filed under the entities it shows (a type,
 * and a type with an id), the least recently used one forgotten for room. `admits` is TinyLFU's admission rule: a
 * full store takes a new response only if its request was seen more often than that of the response it would
 * displace. Where every request is about as rare as the next (a storefront's long tail), a full store stops
 * trading one response nobody asks for again for another, each trade costing about a second execution of the
 * request (the plugin's tagged document, its walk and copy of the result, serialising, filing, and the garbage);
 * requests seen more often than the least used response still get in.
 */
export class ResponseStore implements Cache {
  readonly #responses: BoundedMap<string, Stored>;
  readonly #keysByEntity = new KeysByEntity();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#responses = new BoundedMap(capacity, (key, stored) => this.#unfile(key, stored));
  }

  get size(): number {
    return this.#responses.size;
  }

  /** How many entities responses are filed under: none once no response is kept. */
  get filedEntities(): number {
    return this.#keysByEntity.size;
  }

  has(key: string): boolean {
    return this.#current(key) !== undefined;
  }

  /** Whether a response to a request seen `seen` times would be stored; `seenOf` counts another key's sightings. */
  admits(seen: number, seenOf: (key: string) => number): boolean {
    let displaced = this.#responses.oldestKey();
    // An expired response makes room rather than competing.
    while (displaced !== undefined && this.#current(displaced) === undefined) displaced = this.#responses.oldestKey();
    if (this.#responses.size < this.#capacity) return true;
    return displaced === undefined || seen > seenOf(displaced);
  }

  get(key: string): ExecutionResult | null {
    const stored = this.#current(key);
    if (stored === undefined) return null;
    this.#responses.set(key, stored); // now the most recently used
    return stored.result;
  }

  set(key: string, result: ExecutionResult, entities: Iterable<Entity>, ttl: number): void {
    this.#drop(key);
    const entityKeys = [...new Set([...entities].flatMap((entity) => [entity.typename, entityKey(entity)]))];
    for (const filed of entityKeys) this.#keysByEntity.file(filed, key);
    this.#responses.set(key, { result, entityKeys, expiresAt: performance.now() + ttl });
  }

  invalidate(entities: Iterable<Entity>): void {
    for (const entity of entities) for (const key of this.#keysByEntity.take(entityKey(entity))) this.#drop(key);
  }

  clear(): void {
    this.#responses.clear();
    this.#keysByEntity.clear();
  }

  #current(key: string): Stored | undefined {
    const stored = this.#responses.get(key);
    if (stored !== undefined && stored.expiresAt <= performance.now()) {
      this.#drop(key);
      return undefined;
    }
    return stored;
  }

  #drop(key: string): void {
    const stored = this.#responses.get(key);
    if (stored === undefined) return;
    this.#responses.delete(key);
    this.#unfile(key, stored);
  }

  #unfile(key: string, { entityKeys }: Stored): void {
    for (const filed of entityKeys) this.#keysByEntity.unfile(filed, key);
  }
}

/**
 * How often each of the last `capacity` distinct keys was seen, every count halved each time `capacity` more
 * sightings have passed (lazily, when the key is next read), so a request that was popular once does not keep its
 * lead forever.
 */
export class Sightings {
  readonly #counts: BoundedMap<string, { count: number; era: number }>;
  readonly #capacity: number;
  #sightings = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#counts = new BoundedMap(capacity);
  }

  /** Counts a sighting of `key`; how often it has been seen, this one included. */
  see(key: string): number {
    const count = this.count(key) + 1;
    this.#counts.set(key, { count, era: this.#era });
    this.#sightings++;
    return count;
  }

  count(key: string): number {
    const entry = this.#counts.get(key);
    return entry === undefined ? 0 : entry.count >> Math.min(31, this.#era - entry.era);
  }

  get #era(): number {
    return Math.floor(this.#sightings / this.#capacity);
  }
}
