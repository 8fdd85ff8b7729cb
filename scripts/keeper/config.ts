import type { Hex } from "viem";
import { z } from "zod/v4";
import { parseEnv } from "../../sdk/env.ts";

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const keeperEnv = z.object({
  KEEPER_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key")
    .optional(),
  KEEPER_DRY_RUN: z.enum(["true", "false"]).default("false"),
  KEEPER_POLL_INTERVAL_MS: positive(2_000),
  KEEPER_MAX_PER_ROUND: positive(50),
  KEEPER_RETRY_MS: positive(1_000),
  KEEPER_RECEIPT_TIMEOUT_MS: positive(120_000),
  KEEPER_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});

export interface KeeperConfig {
  /**
   * Signs the keeper's calls and pays their gas; no other process may send from it (the keeper counts its nonces).
   * Without one the keeper can only run dry.
   */
  privateKey?: Hex;
  /** Report what is due; send nothing. */
  dryRun: boolean;
  pollIntervalMs: number;
  /** At most this many calls sent in one round; the rest wait for the next (a dry run reports them all). */
  maxPerRound: number;
  /** First wait after a network fault, doubling with each further fault (at most 5 minutes). */
  retryBaseMs: number;
  /** How long a sent call may take to be mined before the keeper gives up waiting (it does not send it again). */
  receiptTimeoutMs: number;
  /** Port of /health and /metrics on 127.0.0.1; 0: none. */
  port: number;
}

/** Reads and validates the keeper's settings once; a bad value is a ConfigError naming the variable. */
export function readKeeperConfig(env: NodeJS.ProcessEnv = process.env): KeeperConfig {
  const parsed = parseEnv(keeperEnv, env);
  return {
    privateKey: parsed.KEEPER_PRIVATE_KEY as Hex | undefined,
    dryRun: parsed.KEEPER_DRY_RUN === "true",
    pollIntervalMs: parsed.KEEPER_POLL_INTERVAL_MS,
    maxPerRound: parsed.KEEPER_MAX_PER_ROUND,
    retryBaseMs: parsed.KEEPER_RETRY_MS,
    receiptTimeoutMs: parsed.KEEPER_RECEIPT_TIMEOUT_MS,
    port: parsed.KEEPER_PORT,
  };
}
