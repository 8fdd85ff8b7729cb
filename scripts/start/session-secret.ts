import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../../sdk/errors.ts";

/**
 * Where npm start keeps the key that signs sign-in sessions, so a restart does not sign everyone out (local use only).
 */
export const SESSION_SECRET_FILE = "session-secret";

/** SESSION_SECRET when set, else the data directory's key, made (readable by the owner only) on first use. */
export function sessionSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const path = join(dataDir, SESSION_SECRET_FILE);
  try {
    writeFileSync(path, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = readFileSync(path, "utf8").trim();
  if (secret.length < 32)
    throw new ConfigError(`${path}: the session key must be at least 32 characters; delete the file to make a new one`);
  return secret;
}
