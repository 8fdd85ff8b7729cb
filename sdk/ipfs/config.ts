import { z } from "zod/v4";
import { parseEnv } from "../env.ts";

const ipfsClientEnv = z.object({
  IPFS_API_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:5001/api/v0"),
  IPFS_API_AUTH: z.string().min(1, "must not be empty when set").optional(),
  IPFS_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  IPFS_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(128 * 1024 * 1024),
});

export interface IpfsClientConfig {
  /** Kubo RPC base, e.g. http://127.0.0.1:5001/api/v0 (the embedded node's RPC listener, or a real Kubo). */
  url: string;
  /** Kubo's `AuthSecret` format (`bearer:<token>`, `basic:<user>:<password>`), sent on every call; never logged. */
  auth?: string;
  /** Per call; an unknown CID on a networked Kubo would otherwise be searched for without end. */
  timeoutMs: number;
  /** Largest content `cat` accepts. */
  maxBytes: number;
}

export function readIpfsClientConfig(env: NodeJS.ProcessEnv = process.env): IpfsClientConfig {
  const parsed = parseEnv(ipfsClientEnv, env);
  return {
    url: parsed.IPFS_API_URL,
    auth: parsed.IPFS_API_AUTH,
    timeoutMs: parsed.IPFS_TIMEOUT_MS,
    maxBytes: parsed.IPFS_MAX_BYTES,
  };
}
