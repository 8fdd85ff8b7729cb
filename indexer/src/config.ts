import { z } from "zod/v4";
import { parseEnv } from "../../sdk/env.ts";
import type { ResolverOptions } from "./metadata/resolver.ts";

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const indexerEnv = z.object({
  RPC_URL: z.url({ protocol: /^(https?|wss?)$/ }).default("http://127.0.0.1:8545"),
  RPC_WS_URL: z.url({ protocol: /^wss?$/, error: "must be a ws:// or wss:// URL" }).optional(),
  CHAIN_ID: z.coerce.number().int().positive().optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
  INDEXER_DATA_DIR: z.string().min(1).default("data/indexer"),
  FINALITY_DEPTH: count(12),
  POLL_INTERVAL_MS: positive(1_000),
  RPC_TIMEOUT_MS: positive(15_000),
  RPC_RETRIES: count(6),
  LOG_RANGE_INITIAL: positive(2_000),
  LOG_RANGE_MAX: positive(50_000),
  LOG_RANGE_TARGET_LOGS: positive(5_000),
  INDEXER_PORT: count(0).pipe(z.number().max(65535)),
  INDEXER_METADATA: z.enum(["true", "false"]).default("true"),
  METADATA_MAX_ATTEMPTS: positive(8),
  METADATA_RETRY_MS: positive(5_000),
  METADATA_MAX_BYTES: positive(1024 * 1024),
});

export interface IndexerConfig {
  /**
   * HTTP JSON-RPC endpoint (a ws:// RPC_URL is also served over HTTP on the same address, as Hardhat, geth and
   * Besu do).
   */
  rpcUrl: string;
  /** WebSocket endpoint whose newHeads subscription wakes the follow loop; polling is the fallback. */
  wsUrl?: string;
  chainId?: number;
  /** A postgres:// URL, or a PGlite location (a directory, or `memory://`). */
  database: string;
  finalityDepth: number;
  pollIntervalMs: number;
  rpcTimeoutMs: number;
  rpcRetries: number;
  logRange: { initialSpan: number; maxSpan: number; targetLogs: number };
  /** Port of /health, /ready and /metrics; 0 disables the server. */
  port: number;
  /** Resolve the IPFS documents events point to (IPFS client settings: sdk/ipfs/config.ts). */
  metadata: boolean;
  metadataOptions: ResolverOptions;
}

/** Reads and validates the indexer's settings once; a bad value is a ConfigError naming it. */
export function readIndexerConfig(env: NodeJS.ProcessEnv = process.env): IndexerConfig {
  const parsed = parseEnv(indexerEnv, env);
  return {
    rpcUrl: parsed.RPC_URL.replace(/^ws/, "http"),
    wsUrl: parsed.RPC_WS_URL ?? (/^wss?:/.test(parsed.RPC_URL) ? parsed.RPC_URL : undefined),
    chainId: parsed.CHAIN_ID,
    database: parsed.DATABASE_URL ?? parsed.INDEXER_DATA_DIR,
    finalityDepth: parsed.FINALITY_DEPTH,
    pollIntervalMs: parsed.POLL_INTERVAL_MS,
    rpcTimeoutMs: parsed.RPC_TIMEOUT_MS,
    rpcRetries: parsed.RPC_RETRIES,
    logRange: {
      initialSpan: parsed.LOG_RANGE_INITIAL,
      maxSpan: parsed.LOG_RANGE_MAX,
      targetLogs: parsed.LOG_RANGE_TARGET_LOGS,
    },
    port: parsed.INDEXER_PORT,
    metadata: parsed.INDEXER_METADATA === "true",
    metadataOptions: {
      maxAttempts: parsed.METADATA_MAX_ATTEMPTS,
      retryBaseMs: parsed.METADATA_RETRY_MS,
      batchSize: 50,
      maxBytes: parsed.METADATA_MAX_BYTES,
    },
  };
}
