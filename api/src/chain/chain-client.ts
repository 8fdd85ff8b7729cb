import type { FactoryProvider } from "@nestjs/common";
import { createPublicClient, http, type PublicClient } from "viem";
import { CONFIG } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";

/** Injection token of the API's viem client for RPC_URL, or null without one. */
export const CHAIN_CLIENT = Symbol("CHAIN_CLIENT");

/**
 * One client for every chain read of the API. Its readers fall back (wall clock, unknown head, unknown
 * token) rather than wait, so a read gets 2 s and one retry; nothing is cached here (cacheTime 0), each
 * reader decides how long an answer holds.
 */
export function createChainClient(config: Pick<ApiConfig, "rpcUrl">): PublicClient | null {
  return config.rpcUrl
    ? createPublicClient({ transport: http(config.rpcUrl, { timeout: 2_000, retryCount: 1 }), cacheTime: 0 })
    : null;
}

export const chainClientProvider: FactoryProvider<PublicClient | null> = {
  provide: CHAIN_CLIENT,
  inject: [CONFIG],
  useFactory: createChainClient,
};
