import { createHash } from "node:crypto";
import { useResponseCache, type Cache } from "@graphql-yoga/plugin-response-cache";
import type { ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { IndexChanges } from "./index-changes.ts";
import { BoundedMap } from "./bounded-map.ts";
import { RecentEvictions } from "./recent-evictions.ts";
import { ResponseStore, Sightings } from "./response-store.ts";
import { SelectedTypes } from "./selected-types.ts";

const CACHED_RESPONSES = 1_000;
/** Keys of recent requests whose sightings are counted, to tell a repeated request from a first one. */
const SIGHTED_KEYS = 20_000;
/** Keys looked up and not stored yet: beyond this many, the oldest is forgotten. */
const MAX_PENDING = 10_000;

/**
 * Anonymous queries (storefront browsing, auditors' public traces) answered from memory until what they show
 * changes: the plugin records the entities of each response (`id`, or a merchant's `address`, per type), each is
 * tagged with the types its query selects too, and the index's change log evicts the responses holding a changed
 * listing, merchant, order or item, every list of that kind, and those selecting a type a changed table feeds;
 * a block that changed none of them evicts nothing. A reorg (or a change log read too late) evicts everything.
 * `ttlMs` bounds a response's age; `maxTokens` is the server's limit, which documents read for their types keep
 * too. Requests carrying a session token are never cached, so a revoked or expired token can never be answered
 * from a cached response; mutations, subscriptions and results with errors never are either. (Keep
 * `invalidateViaMutation` at its default: turned off, the plugin caches mutation results too, and `nonce` would hand
 * out one nonce twice.)
 *
 * A response is stored from the second time its request is seen among the last SIGHTED_KEYS requests, and once
 * the store is full only if its request was seen more often than the least recently used response's
 * (ResponseStore.admits): most storefront requests are one-offs (other words, other facets, other products), and
 * storing a response costs about as much as executing its request again (the plugin tags every object of the result
 * with its type and id, then copies the result without those tags), for entries nobody would ask for again. A
 * request that is not to be stored skips all of it; a repeated one pays it once, then is answered from memory.
 */
export function anonymousResponseCache(changes: IndexChanges, ttlMs: number, maxTokens: number): Plugin {
  const evictions = new RecentEvictions();
  const selectedTypes = new SelectedTypes(maxTokens);
  const store = new ResponseStore(CACHED_RESPONSES);
  const cache = storedIfCurrent(serialisedOnce(store), evictions, selectedTypes);
  const sightings = new Sightings(SIGHTED_KEYS);
  const unstored = new WeakSet<Request>();
  let generation = 0;
  changes.onEviction((eviction) => {
    evictions.record(eviction);
    if (eviction === "all") {
      generation++;
      // Emptied, not just out of reach: full of old keys, the store would go on refusing newcomers for their counts.
      store.clear();
    } else void cache.invalidate(eviction);
  });
  const plugin = useResponseCache({
    session: () => null,
    enabled: (request) => !request.headers.has("authorization") && !unstored.has(request),
    ttl: ttlMs,
    idFields: ["id", "address"],
    // Not functions of the index alone: the head block comes from the RPC, and prepareOrder checks validity windows
    // against the chain's time. A recall reaches rows its response does not name (orders, far descendants).
    ttlPerSchemaCoordinate: { "Query.syncStatus": 0, "Query.prepareOrder": 0, "Query.recall": 0 },
    cache,
    buildResponseCacheKey: async ({ documentString, variableValues, operationName, request }) => {
      await changes.catchUp();
      const key = `${generation}:${createHash("sha256")
        .update([documentString, JSON.stringify(variableValues ?? {}), operationName ?? ""].join("|"))
        .digest("hex")}`;
      const seen = sightings.see(key);
      if (store.has(key) || (seen > 1 && store.admits(seen, (other) => sightings.count(other))))
        cache.lookedUp(key, documentString);
      else unstored.add(request);
      return key;
    },
  });
  return {
    ...plugin,
    onSchemaChange: (payload) => {
      selectedTypes.schema = payload.schema;
      return plugin.onSchemaChange?.(payload);
    },
  };
}

/**
 * Stores a response, tagged with every type its query selects, only if no eviction concerning it happened between
 * its key's lookup and its `set`: a miss computed while the indexer committed a change could hold the data from
 * before it. Keys looked up and never stored (hits, errors) are forgotten after MAX_PENDING, and a forgotten one is
 * not stored.
 */
function storedIfCurrent(
  cache: Cache,
  evictions: RecentEvictions,
  selectedTypes: SelectedTypes,
): Cache & { lookedUp(key: string, document: string): void } {
  const lookedUpAt = new BoundedMap<string, { position: number; types: { typename: string }[] }>(MAX_PENDING);
  return {
    lookedUp: (key, document) => {
      if (!lookedUpAt.has(key))
        lookedUpAt.set(key, { position: evictions.position, types: selectedTypes.of(document) });
    },
    get: async (key) => {
      const hit = await cache.get(key);
      if (hit) lookedUpAt.delete(key); // answered: nothing to store
      return hit;
    },
    invalidate: (entities) => cache.invalidate(entities),
    set: (key, result, entities, ttl) => {
      const lookup = lookedUpAt.get(key);
      lookedUpAt.delete(key);
      if (lookup === undefined) return;
      const held = [...entities, ...lookup.types];
      if (evictions.concernSince(lookup.position, held)) return;
      return cache.set(key, result, held, ttl);
    },
  };
}

/**
 * Stores each response with its JSON text, which yoga sends in place of serialising the result on every hit
 * (about a tenth of the CPU time of a cached search page). The text leaves out `extensions.http` (the ETag and
 * Last-Modified headers the plugin adds), as yoga's own serialiser does.
 */
function serialisedOnce(cache: Cache): Cache {
  return {
    get: (key) => cache.get(key),
    invalidate: (entities) => cache.invalidate(entities),
    set: (key, result, entities, ttl) => {
      const { http: _headers, ...extensions } = result.extensions ?? {};
      const json = JSON.stringify({
        ...result,
        extensions: Object.keys(extensions).length > 0 ? extensions : undefined,
      });
      return cache.set(key, { ...result, stringify: () => json } as ExecutionResult, entities, ttl);
    },
  };
}
