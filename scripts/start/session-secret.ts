import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where npm start keeps the key that signs sign-in sessions, so a restart does not sign everyone out. */
export const SESSION_SECRET_FILE = "session-secret";

/** SESSION_SECRET when set, else the data directory's key, made (readable by the owner only) on first use. */
export function sessionSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const path = join(dataDir, SESSION_SECRET_FILE);
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  return readFileSync(path, "utf8").trim();
}
