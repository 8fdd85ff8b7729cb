import { isIP } from "node:net";
import { z } from "zod/v4";
import { parseEnv } from "../../sdk/env.ts";
import { ConfigError } from "../../sdk/errors.ts";
import { kuboAuthorizations, type KuboAuthorizations } from "./authorization.ts";

const MiB = 1024 * 1024;

/** Limits used when a setting is not given. */
export const ipfsNodeLimits = { maxUploadBytes: 256 * MiB, maxResponseBytes: 128 * MiB, readTimeoutMs: 5_000 };

/** Where the Kubo RPC listens when nothing says otherwise: Kubo's own default address. */
export const RPC_DEFAULTS = { host: "127.0.0.1", port: 5001 };

/** The private Kubo RPC listener's settings, shared by `npm run ipfs` and the API that mounts the node. */
export const rpcListenerEnv = z.object({
  IPFS_RPC_HOST: z.string().min(1).default(RPC_DEFAULTS.host),
  IPFS_RPC_PORT: z.coerce.number().int().min(0).max(65535).default(RPC_DEFAULTS.port),
  IPFS_RPC_AUTHORIZATIONS: z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined || text === "") return undefined;
      try {
        return kuboAuthorizations.parse(JSON.parse(text));
      } catch (error) {
        context.addIssue({ code: "custom", message: `must be Kubo's API.Authorizations JSON: ${message(error)}` });
        return z.NEVER;
      }
    }),
});

const ipfsNodeEnv = rpcListenerEnv.extend({
  IPFS_DATA_DIR: z.string().min(1).default("data/ipfs"),
  IPFS_HOST: z.string().min(1).default("127.0.0.1"),
  IPFS_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  IPFS_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(ipfsNodeLimits.maxUploadBytes),
  IPFS_GATEWAY_MAX_BYTES: z.coerce.number().int().positive().default(ipfsNodeLimits.maxResponseBytes),
  IPFS_READ_TIMEOUT_MS: z.coerce.number().int().positive().default(ipfsNodeLimits.readTimeoutMs),
});

/** The Kubo RPC's own listener: every command, for the node's operators, never on a public port. */
export interface RpcListenerConfig {
  host: string;
  port: number;
  /** Kubo's API.Authorizations; unset: no credential asked (then the listener must be on a loopback address). */
  authorizations?: KuboAuthorizations;
}

export interface IpfsNodeConfig {
  dataDir: string;
  /** Where the read-only gateway listens. */
  host: string;
  port: number;
  rpc: RpcListenerConfig;
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
    rpc: rpcListenerConfig(parsed),
    maxUploadBytes: parsed.IPFS_MAX_UPLOAD_BYTES,
    maxResponseBytes: parsed.IPFS_GATEWAY_MAX_BYTES,
    readTimeoutMs: parsed.IPFS_READ_TIMEOUT_MS,
  };
}

/**
 * The RPC listener of parsed `rpcListenerEnv` settings. An address other hosts can reach needs authorizations:
 * whoever reaches the RPC can unpin and garbage-collect every document.
 */
export function rpcListenerConfig(parsed: z.output<typeof rpcListenerEnv>): RpcListenerConfig {
  const config = {
    host: parsed.IPFS_RPC_HOST,
    port: parsed.IPFS_RPC_PORT,
    authorizations: parsed.IPFS_RPC_AUTHORIZATIONS,
  };
  if (!config.authorizations && !isLoopback(config.host))
    throw new ConfigError(
      `IPFS_RPC_HOST: ${config.host} is reachable from other hosts; set IPFS_RPC_AUTHORIZATIONS or use 127.0.0.1`,
    );
  return config;
}

/** 127.0.0.0/8, ::1 or localhost (brackets allowed): only this machine reaches it. */
export function isLoopback(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, "");
  if (address === "localhost" || address === "::1") return true;
  return isIP(address) === 4 && address.startsWith("127.");
}

function message(error: unknown): string {
  if (error instanceof z.ZodError)
    return error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  return (error as Error).message;
}
