import { z } from "zod/v4";
import { parseEnv } from "#sdk/env.ts";
import { rpcListenerConfig, rpcListenerEnv, type RpcListenerConfig } from "#ipfs-node/config.ts";

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false"])
    .default(fallback ? "true" : "false")
    .transform((value) => value === "true");
const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const MiB = 1024 * 1024;

const apiEnv = rpcListenerEnv.extend({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  NODE_ENV: z.string().default("development"),
  CHAIN_ID: positive(31337),
  DEPLOYMENTS_DIR: z.string().min(1).default("deployments"),
  RPC_URL: z.url({ protocol: /^https?$/ }).optional(),
  FINALITY_DEPTH: z.coerce.number().int().min(0).default(12),
  SUBSCRIPTION_POLL_MS: positive(250),
  SEARCH_CACHE_MS: z.coerce.number().int().min(0).default(60_000),
  CATALOG_HEAP_MIB: positive(4_096),
  RESPONSE_CACHE_MS: z.coerce.number().int().min(0).default(60_000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SIWE_DOMAIN: z.string().min(1).optional(),
  SIWE_URI: z.url().optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_TTL_SECONDS: positive(24 * 3600),
  NONCE_TTL_SECONDS: positive(600),
  MAX_PAGE_SIZE: positive(100),
  MAX_DEPTH: positive(10),
  MAX_ALIASES: positive(15),
  MAX_COST: positive(20_000),
  MAX_TOKENS: positive(2_000),
  RATE_LIMIT_PER_MINUTE: positive(600),
  CONCURRENT_QUERIES: positive(16),
  BODY_LIMIT_BYTES: positive(100_000),
  CORS_ORIGINS: z.string().default("*"),
  GRAPHIQL: z.enum(["true", "false"]).optional(),
  INTROSPECTION: z.enum(["true", "false"]).optional(),
  EXPOSE_ERRORS: flag(false),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
  INDEXER_DATA_DIR: z.string().min(1).default("data/indexer"),
  API_MEDIA: flag(true),
  IPFS_DATA_DIR: z.string().min(1).default("data/ipfs"),
  MEDIA_UPLOAD_MAX_BYTES: positive(10 * MiB),
  MEDIA_UPLOADS_PER_MINUTE: positive(20),
  MEDIA_UPLOAD_BYTES_PER_DAY: positive(100 * MiB),
  PUBLIC_RPC_URL: z.url({ protocol: /^https?$/ }).optional(),
  STOREFRONT_DIR: z.string().min(1).default("web/dist"),
  EXPLORER_URL: z.url({ protocol: /^https?$/ }).optional(),
  WEBHOOK_WORKER: flag(true),
  WEBHOOK_ALLOW_PRIVATE: flag(false),
  WEBHOOKS_PER_MERCHANT: positive(5),
  WEBHOOK_CONCURRENCY: positive(2),
  WEBHOOK_TIMEOUT_MS: positive(5_000),
  WEBHOOK_RETRY_BASE_MS: positive(1_000),
  WEBHOOK_RETRY_MAX_MS: positive(3_600_000),
  WEBHOOK_POLL_MS: positive(500),
  WEBHOOK_LOG_DAYS: positive(30),
});

export interface MediaConfig {
  /** Its blocks and pins. */
  dataDir: string;
  /** Its private Kubo RPC listener (every command): what IPFS_API_URL of the CLI, seed and indexer points at. */
  rpc: RpcListenerConfig;
  /** Signed-in accounts' uploads through the public port (`POST /api/v0/add`). */
  uploads: { maxBytes: number; perMinute: number; bytesPerDay: number };
}

export interface ApiConfig {
  host: string;
  port: number;
  chainId: number;
  /** Where the deployment record `<chainId>.json` is read. */
  deploymentsDir: string;
  /** JSON-RPC endpoint for `syncStatus.headBlock`; without it the head is unknown. */
  rpcUrl?: string;
  finalityDepth: number;
  /** How often subscriptions look for a newly committed indexer batch. */
  subscriptionPollMs: number;
  /** How long an identical search is answered from memory while no listing changes; 0: never. */
  searchCacheMs: number;
  /** The search index thread's heap limit; past it the thread is lost, searches fail and it is loaded again. */
  catalogHeapMiB: number;
  /** How long an anonymous query's response is served from memory while nothing it shows changes; 0: never. */
  responseCacheMs: number;
  /** Origin the API is reached at: gateway URLs of media, and the SIWE URI by default. */
  publicUrl: string;
  siwe: { domain: string; uri: string; nonceTtlSeconds: number };
  session: { secret?: string; ttlSeconds: number };
  limits: {
    maxPageSize: number;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    maxTokens: number;
    ratePerMinute: number;
    /** GraphQL requests executing at once; the rest wait their turn (CONCURRENT_QUERIES). */
    concurrentQueries: number;
    bodyLimitBytes: number;
  };
  /** `*` or a list of allowed origins. */
  corsOrigins: "*" | string[];
  graphiql: boolean;
  introspection: boolean;
  /** Show internal error messages (development only). */
  exposeErrors: boolean;
  /** The indexer's database: a postgres:// URL, or a PGlite directory no other process has open. */
  database: string;
  /** The embedded IPFS node the API mounts; null: none (no /ipfs/, no uploads, no RPC listener). */
  media: MediaConfig | null;
  /** RPC a browser wallet can add for this chain; defaults to rpcUrl. */
  publicRpcUrl?: string;
  /** The built storefront served at `/` when it exists (`npm run build:web`). */
  storefrontDir: string;
  /** Block explorer whose `/tx/<hash>` pages the storefront links to; none on a local chain. */
  explorerUrl?: string;
  webhooks: WebhookConfig;
}

export interface WebhookConfig {
  /** Send deliveries from this process (one or more replicas may: each claims a delivery before sending it). */
  worker: boolean;
  /**
   * Allow endpoints on loopback, private and link-local addresses (local development and tests). Off, such an
   * address is refused at registration and again at each send, after DNS resolution (no rebinding).
   */
  allowPrivate: boolean;
  perMerchant: number;
  /** Deliveries in flight to one endpoint at a time. */
  concurrency: number;
  timeoutMs: number;
  /** First retry delay, doubling per failed attempt up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  pollMs: number;
  /** How long a delivered delivery stays in the log (pending ones stay until delivered or their webhook is deleted). */
  logDays: number;
}

/** Reads and validates the API's settings once; a bad value is a ConfigError naming it. */
export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = parseEnv(apiEnv, env);
  const development = parsed.NODE_ENV !== "production";
  const publicUrl = (
    parsed.PUBLIC_URL ?? `http://${parsed.HOST.includes(":") ? `[${parsed.HOST}]` : parsed.HOST}:${parsed.PORT}`
  ).replace(/\/$/, "");
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    chainId: parsed.CHAIN_ID,
    deploymentsDir: parsed.DEPLOYMENTS_DIR,
    rpcUrl: parsed.RPC_URL,
    finalityDepth: parsed.FINALITY_DEPTH,
    subscriptionPollMs: parsed.SUBSCRIPTION_POLL_MS,
    searchCacheMs: parsed.SEARCH_CACHE_MS,
    catalogHeapMiB: parsed.CATALOG_HEAP_MIB,
    responseCacheMs: parsed.RESPONSE_CACHE_MS,
    publicUrl,
    siwe: {
      domain: parsed.SIWE_DOMAIN ?? new URL(publicUrl).host,
      uri: parsed.SIWE_URI ?? publicUrl,
      nonceTtlSeconds: parsed.NONCE_TTL_SECONDS,
    },
    session: { secret: parsed.SESSION_SECRET, ttlSeconds: parsed.SESSION_TTL_SECONDS },
    limits: {
      maxPageSize: parsed.MAX_PAGE_SIZE,
      maxDepth: parsed.MAX_DEPTH,
      maxAliases: parsed.MAX_ALIASES,
      maxCost: parsed.MAX_COST,
      maxTokens: parsed.MAX_TOKENS,
      ratePerMinute: parsed.RATE_LIMIT_PER_MINUTE,
      concurrentQueries: parsed.CONCURRENT_QUERIES,
      bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    },
    corsOrigins:
      parsed.CORS_ORIGINS === "*"
        ? "*"
        : parsed.CORS_ORIGINS.split(",")
            .map((origin) => origin.trim())
            .filter(Boolean),
    graphiql: parsed.GRAPHIQL ? parsed.GRAPHIQL === "true" : development,
    introspection: parsed.INTROSPECTION ? parsed.INTROSPECTION === "true" : development,
    exposeErrors: parsed.EXPOSE_ERRORS,
    database: parsed.DATABASE_URL ?? parsed.INDEXER_DATA_DIR,
    media: parsed.API_MEDIA
      ? {
          dataDir: parsed.IPFS_DATA_DIR,
          rpc: rpcListenerConfig(parsed),
          uploads: {
            maxBytes: parsed.MEDIA_UPLOAD_MAX_BYTES,
            perMinute: parsed.MEDIA_UPLOADS_PER_MINUTE,
            bytesPerDay: parsed.MEDIA_UPLOAD_BYTES_PER_DAY,
          },
        }
      : null,
    publicRpcUrl: parsed.PUBLIC_RPC_URL ?? parsed.RPC_URL,
    storefrontDir: parsed.STOREFRONT_DIR,
    explorerUrl: parsed.EXPLORER_URL?.replace(/\/$/, ""),
    webhooks: {
      worker: parsed.WEBHOOK_WORKER,
      allowPrivate: parsed.WEBHOOK_ALLOW_PRIVATE,
      perMerchant: parsed.WEBHOOKS_PER_MERCHANT,
      concurrency: parsed.WEBHOOK_CONCURRENCY,
      timeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: parsed.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: parsed.WEBHOOK_RETRY_MAX_MS,
      pollMs: parsed.WEBHOOK_POLL_MS,
      logDays: parsed.WEBHOOK_LOG_DAYS,
    },
  };
}
