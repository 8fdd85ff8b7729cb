import { createHash } from "node:crypto";
import { createInMemoryCache, useResponseCache, type Cache } from "@graphql-yoga/plugin-response-cache";
import type { ExecutionResult } from "graphql";
import type { IndexChanges } from "./index-changes.ts";

const CACHED_RESPONSES = 1_000;

/**
 * Anonymous queries (storefront browsing, auditors' public traces) answered from memory until what they show
 * changes: the plugin records the entities of each response (`id`, or a merchant's `address`, per type), and
 * the index's change log evicts the responses holding a changed listing, merchant, order or item, every list of
 * that kind, and the types a changed table feeds; a block that changed none of them evicts nothing. A reorg (or a
 * change log read too late) evicts everything. `ttlMs` bounds a response's age. Requests carrying a session token
 * are never cached, so a revoked or expired token can never be answered from a cached response; mutations,
 * subscriptions and results with errors never are either. (Keep `invalidateViaMutation` at its default: turned
 * off, the plugin caches mutation results too, and `nonce` would hand out one nonce twice.)
 */
export function anonymousResponseCache(changes: IndexChanges, ttlMs: number) {
  const cache = serialisedOnce(createInMemoryCache({ max: CACHED_RESPONSES }));
  let generation = 0;
  changes.onEviction((eviction) => {
    if (eviction === "all") generation++;
    else void cache.invalidate(eviction);
  });
  return useResponseCache({
    session: () => null,
    enabled: (request) => !request.headers.has("authorization"),
    ttl: ttlMs,
    idFields: ["id", "address"],
    // Not functions of the index alone: the head block comes from the RPC, and prepareOrder checks validity windows against the chain's time.
    ttlPerSchemaCoordinate: { "Query.syncStatus": 0, "Query.prepareOrder": 0 },
    cache,
    buildResponseCacheKey: async ({ documentString, variableValues, operationName }) => {
      await changes.catchUp();
      return `${generation}:${createHash("sha256").update([documentString, JSON.stringify(variableValues ?? {}), operationName ?? ""].join("|")).digest("hex")}`;
    },
  });
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
      const json = JSON.stringify({ ...result, extensions: Object.keys(extensions).length > 0 ? extensions : undefined });
      return cache.set(key, { ...result, stringify: () => json } as ExecutionResult, entities, ttl);
    },
  };
}
