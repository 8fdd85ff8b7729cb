import { createInMemoryCache, hashSHA256, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import type { IndexedBlock } from "./indexed-block.ts";

const CACHED_RESPONSES = 1_000;

/**
 * Anonymous queries (storefront browsing, auditors' public traces) answered from memory: the key holds
 * the indexed block, so a committed batch or a reorg changes every key at once; `ttlMs` bounds how long
 * metadata the indexer resolves later, within the same block, can go unseen. Requests carrying a session
 * token are never cached, so a revoked or expired token can never be answered from a cached response;
 * mutations, subscriptions and results with errors never are either. (Keep `invalidateViaMutation` at its
 * default: turned off, the plugin caches mutation results too, and `nonce` would hand out one nonce twice.)
 */
export function anonymousResponseCache(indexedBlock: IndexedBlock, ttlMs: number) {
  return useResponseCache({
    session: () => null,
    enabled: (request) => !request.headers.has("authorization"),
    ttl: ttlMs,
    // The head block comes from the RPC, not the database: never serve it from memory.
    ttlPerSchemaCoordinate: { "Query.syncStatus": 0 },
    cache: createInMemoryCache({ max: CACHED_RESPONSES }),
    buildResponseCacheKey: async ({ documentString, variableValues, operationName }) =>
      `${await indexedBlock.current()}:${await hashSHA256([documentString, JSON.stringify(variableValues ?? {}), operationName ?? ""].join("|"))}`,
  });
}
