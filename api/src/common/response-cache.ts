import { createHash } from "node:crypto";
import { createInMemoryCache, useResponseCache, type Cache } from "@graphql-yoga/plugin-response-cache";
import type { ExecutionResult } from "graphql";
import type { IndexVersion } from "./index-version.ts";

const CACHED_RESPONSES = 1_000;

/**
 * Anonymous queries (storefront browsing, auditors' public traces) answered from memory: the key holds
 * the index version (cursor block and metadata version), so a committed batch, a reorg or a resolved
 * document changes every key at once; `ttlMs` only bounds a response's age. Requests carrying a session
 * token are never cached, so a revoked or expired token can never be answered from a cached response;
 * mutations, subscriptions and results with errors never are either. (Keep `invalidateViaMutation` at its
 * default: turned off, the plugin caches mutation results too, and `nonce` would hand out one nonce twice.)
 */
export function anonymousResponseCache(indexVersion: IndexVersion, ttlMs: number) {
  return useResponseCache({
    session: () => null,
    enabled: (request) => !request.headers.has("authorization"),
    ttl: ttlMs,
    // Not functions of the index alone: the head block comes from the RPC, and prepareOrder checks validity windows against the chain's time.
    ttlPerSchemaCoordinate: { "Query.syncStatus": 0, "Query.prepareOrder": 0 },
    cache: serialisedOnce(createInMemoryCache({ max: CACHED_RESPONSES })),
    buildResponseCacheKey: async ({ documentString, variableValues, operationName }) =>
      `${await indexVersion.current()}:${createHash("sha256").update([documentString, JSON.stringify(variableValues ?? {}), operationName ?? ""].join("|")).digest("hex")}`,
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
