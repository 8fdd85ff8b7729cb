import { z } from "zod/v4";
import { parseEnv } from "../../sdk/env.ts";

const MiB = 1024 * 1024;

/** Limits used when a setting is not given. */
export const ipfsNodeLimits = { maxUploadBytes: 256 * MiB, maxResponseBytes: 128 * MiB, readTimeoutMs: 5_000 };

const ipfsNodeEnv = z.object({
  IPFS_DATA_DIR: z.string().min(1).default("data/ipfs"),
  IPFS_HOST: z.string().min(1).default("127.0.0.1"),
  IPFS_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  IPFS_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(ipfsNodeLimits.maxUploadBytes),
  IPFS_GATEWAY_MAX_BYTES: z.coerce.number().int().positive().default(ipfsNodeLimits.maxResponseBytes),
  IPFS_READ_TIMEOUT_MS: z.coerce.number().int().positive().default(ipfsNodeLimits.readTimeoutMs),
});

export interface IpfsNodeConfig {
  dataDir: string;
  host: string;
  port: number;
  maxUploadBytes: number;
  maxResponseBytes: number;
  readTimeoutMs: number;
}

export function readIpfsNodeConfig(env: NodeJS.ProcessEnv = process.env): IpfsNodeConfig {
  const parsed = parseEnv(ipfsNodeEnv, env);
  return {
    dataDir: parsed.IPFS_DATA_DIR,
    host: parsed.IPFS_HOST,
    port: parsed.IPFS_PORT,
    maxUploadBytes: parsed.IPFS_MAX_UPLOAD_BYTES,
    maxResponseBytes: parsed.IPFS_GATEWAY_MAX_BYTES,
    readTimeoutMs: parsed.IPFS_READ_TIMEOUT_MS,
  };
}
