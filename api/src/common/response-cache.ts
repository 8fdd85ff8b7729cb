import { createInMemoryCache, hashSHA256, useResponseCache } from "@graphql-yoga/plugin-response-cache";
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
    // Not functions of the index alone: the head block comes from the RPC, and prepareOrder checks validity windows against the clock.
    ttlPerSchemaCoordinate: { "Query.syncStatus": 0, "Query.prepareOrder": 0 },
    cache: createInMemoryCache({ max: CACHED_RESPONSES }),
    buildResponseCacheKey: async ({ documentString, variableValues, operationName }) =>
      `${await indexVersion.current()}:${await hashSHA256([documentString, JSON.stringify(variableValues ?? {}), operationName ?? ""].join("|"))}`,
  });
}
