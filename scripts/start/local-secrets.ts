import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../../sdk/errors.ts";

/**
 * Where npm start keeps the key that signs sign-in sessions, so a restart does not sign everyone out (local use only).
 */
export const SESSION_SECRET_FILE = "session-secret";
/**
 * Where npm start keeps the bearer token of the embedded IPFS node's RPC listener, which its seed, indexer and a
 * merchant CLI on the same machine send (local use only).
 */
export const IPFS_RPC_TOKEN_FILE = "ipfs-rpc-token";

const MIN_CHARS = 32;

/** SESSION_SECRET when set, else the data directory's key, made (readable by the owner only) on first use. */
export function sessionSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  return env.SESSION_SECRET || keptSecret(join(dataDir, SESSION_SECRET_FILE), "the session key");
}

/** The data directory's IPFS RPC token in Kubo's AuthSecret form (`bearer:<token>`), made on first use. */
export function ipfsRpcAuth(dataDir: string): string {
  return `bearer:${keptSecret(join(dataDir, IPFS_RPC_TOKEN_FILE), "the IPFS RPC token")}`;
}

/** The secret in `path`, made (random, readable by the owner only) when the file does not exist yet. */
function keptSecret(path: string, what: string): string {
  try {
    writeFileSync(path, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = readFileSync(path, "utf8").trim();
  if (secret.length < MIN_CHARS)
    throw new ConfigError(
      `${path}: ${what} must be at least ${MIN_CHARS} characters; delete the file to make a new one`,
    );
  return secret;
}
