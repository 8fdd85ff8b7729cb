import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod/v4";
import { isLoopback } from "../../../ipfs-node/src/config.ts";
import { parseEnv } from "../../../sdk/env.ts";
import { readIpfsClientConfig, type IpfsClientConfig } from "../../../sdk/ipfs/config.ts";
import { IPFS_RPC_TOKEN_FILE } from "../../start/local-secrets.ts";

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key");

const cliEnv = z.object({
  RPC_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:8545"),
  API_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:4000/graphql"),
  DEPLOYMENTS_DIR: z.string().min(1).default("deployments"),
  MERCHANT_KEYSTORE: z.string().min(1).default("data/merchant/keystore.json"),
  MERCHANT_PASSWORD: z.string().min(1, "must not be empty when set").optional(),
  MERCHANT_PRIVATE_KEY: hex32.optional(),
  MERCHANT_ENCRYPTION_KEY: z
    .base64url()
    .length(43, "must be a 32-byte X25519 secret key in unpadded base64url")
    .optional(),
  MERCHANT_ADDRESS: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type CliConfig = z.output<typeof cliEnv> & { ipfs: IpfsClientConfig };

/** Global flags, which take precedence over the environment. */
export interface GlobalFlags {
  rpc?: string;
  api?: string;
  ipfs?: string;
  deployments?: string;
  keystore?: string;
}

/** Reads and validates the CLI's settings once: flags over environment over defaults. */
export function readCliConfig(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): CliConfig {
  const merged = {
    ...env,
    ...(flags.rpc && { RPC_URL: flags.rpc }),
    ...(flags.ipfs && { IPFS_API_URL: flags.ipfs }),
    ...(flags.api && { API_URL: flags.api }),
    ...(flags.deployments && { DEPLOYMENTS_DIR: flags.deployments }),
    ...(flags.keystore && { MERCHANT_KEYSTORE: flags.keystore }),
  };
  const ipfs = readIpfsClientConfig(merged);
  return { ...parseEnv(cliEnv, merged), ipfs: { ...ipfs, auth: ipfs.auth ?? localIpfsAuth(ipfs.url, merged) } };
}

/**
 * Without IPFS_API_AUTH, an RPC on this machine gets the token `npm start` keeps in DATA_DIR (default `data`), if
 * there is one: the local demo's merchant needs no setting. A remote RPC never gets it.
 */
function localIpfsAuth(url: string, env: NodeJS.ProcessEnv): string | undefined {
  if (!isLoopback(new URL(url).hostname)) return undefined;
  try {
    return `bearer:${readFileSync(join(env.DATA_DIR || "data", IPFS_RPC_TOKEN_FILE), "utf8").trim()}`;
  } catch {
    return undefined;
  }
}
