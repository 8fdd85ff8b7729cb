import { pino } from "pino";
import type { Database } from "../../../indexer/src/store/db.ts";
import type { IpfsNode } from "../../../ipfs-node/src/node.ts";

/**
 * The compiled API (npm run build:api) on a free port over `database` (and `media`, whose RPC listener takes a free
 * port too), reading deployments from process.env.DEPLOYMENTS_DIR.
 */
export async function startTestApi(database: Database, env: Record<string, string> = {}, media?: IpfsNode) {
  const { readApiConfig } = await import("../../../api/dist/config.js");
  const { startApi } = await import("../../../api/dist/server.js");
  const config = readApiConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    CHAIN_ID: "31337",
    DEPLOYMENTS_DIR: process.env.DEPLOYMENTS_DIR,
    SESSION_SECRET: "test-secret-test-secret-test-secret!",
    RATE_LIMIT_PER_MINUTE: "100000",
    API_MEDIA: String(media !== undefined),
    IPFS_RPC_PORT: "0",
    ...env,
  });
  return startApi({ config, database, media, logger: pino({ level: "silent" }) });
}
