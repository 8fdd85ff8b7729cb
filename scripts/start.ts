// One command for the whole local system: the API (GraphQL, with the embedded IPFS node on the same port),
// a Hardhat node, deployment, demo data and the indexer feeding the API's database.
// `npm start` (builds the API first); Ctrl-C stops everything it started. Settings: see README "Configuration".
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import { z } from "zod/v4";
import { readApiConfig } from "../api/dist/api/src/config.js";
import { MediaNode } from "../api/dist/api/src/media/node.js";
import { startApi } from "../api/dist/api/src/server.js";
import { readIndexerConfig } from "../indexer/src/config.ts";
import { createIndexing } from "../indexer/src/indexing.ts";
import { openDatabase } from "../indexer/src/store/db.ts";
import { readDeployment } from "../sdk/deployments.ts";
import { parseEnv } from "../sdk/env.ts";

const settings = parseEnv(
  z.object({
    DATA_DIR: z.string().min(1).default("data"),
    CHAIN_HOST: z.string().default("127.0.0.1"),
    CHAIN_PORT: z.coerce.number().int().min(1).max(65535).default(8545),
    /** The API's address; it also serves the embedded IPFS node (hence the older names IPFS_HOST / IPFS_PORT). */
    HOST: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).optional(),
    IPFS_HOST: z.string().default("127.0.0.1"),
    IPFS_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    SEED_DEMO: z.enum(["true", "false"]).default("true"),
  }),
);
const HARDHAT = join("node_modules", ".bin", "hardhat");
const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const children: ChildProcess[] = [];
let stopping = false;

const rpcUrl = `http://${settings.CHAIN_HOST}:${settings.CHAIN_PORT}`;
const host = settings.HOST ?? settings.IPFS_HOST;
const port = settings.PORT ?? settings.IPFS_PORT;

mkdirSync(join(settings.DATA_DIR, "logs"), { recursive: true });
// The chain lives in memory and is deployed afresh at every start, so the index does too.
const database = await openDatabase("memory://");
const media = await MediaNode.open(join(settings.DATA_DIR, "ipfs"));
const apiConfig = readApiConfig({ ...process.env, HOST: host, PORT: String(port), RPC_URL: rpcUrl, CHAIN_ID: "31337" });
const api = await startApi({ config: apiConfig, database, media, logger });
const ipfs = { apiUrl: api.ipfsApiUrl!, gatewayUrl: api.url };
const indexing = new AbortController();
let indexer: Promise<unknown> = Promise.resolve();
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

const chainLog = openSync(join(settings.DATA_DIR, "logs", "chain.log"), "w");
const chain = launch([HARDHAT, "node", "--hostname", settings.CHAIN_HOST, "--port", String(settings.CHAIN_PORT)], ["ignore", chainLog, chainLog]);
chain.once("exit", (code) => {
  if (!stopping) {
    logger.error({ code, log: join(settings.DATA_DIR, "logs", "chain.log") }, "hardhat node exited");
    void stop(1);
  }
});
await waitForRpc(rpcUrl, 60_000);
logger.info({ rpc_url: rpcUrl, pid: chain.pid }, "local chain ready");

const env = { ...process.env, RPC_URL: rpcUrl, IPFS_API_URL: ipfs.apiUrl };
await run([HARDHAT, "run", "scripts/deploy.ts", "--network", "localhost"], env);
if (settings.SEED_DEMO === "true") await run([HARDHAT, "run", "scripts/demo/seed.ts", "--network", "localhost"], env);
await startIndexer(env);

logger.info(
  { rpc_url: rpcUrl, graphql_url: api.graphqlUrl, ipfs_api_url: ipfs.apiUrl, gateway_url: `${ipfs.gatewayUrl}/ipfs/`, deployment: "deployments/31337.json", demo_accounts: join(settings.DATA_DIR, "demo", "accounts.json") },
  "ready: press Ctrl-C to stop",
);

/** Indexes the deployment to the head into the API's database, then follows the chain in the background. */
async function startIndexer(childEnv: NodeJS.ProcessEnv): Promise<void> {
  const config = readIndexerConfig({ ...childEnv, INDEXER_DATA_DIR: "memory://" });
  const { metrics, sync, resolver } = createIndexing({ config, db: database.db, deployment: readDeployment(31337), logger, env: childEnv });
  await sync.checkChain(31337);
  await sync.runOnce();
  await resolver?.drain();
  logger.info({ cursor: metrics.cursor, events: metrics.events }, "indexed the demo ledger");
  indexer = Promise.all([sync.follow(indexing.signal), resolver?.run(config.pollIntervalMs, indexing.signal)]).catch((error: unknown) => {
    if (stopping) return;
    logger.error({ err: error }, "indexer failed");
    void stop(1);
  });
}

function launch(args: string[], stdio: "inherit" | ["ignore", number, number], childEnv = process.env): ChildProcess {
  // Own process group, so stopping kills the child and everything it started, and nothing else.
  const child = spawn(process.execPath, args, { stdio, env: childEnv, detached: true });
  children.push(child);
  return child;
}

async function run(args: string[], childEnv: NodeJS.ProcessEnv): Promise<void> {
  const child = launch(args, "inherit", childEnv);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0 && !stopping) {
    logger.error({ command: args.slice(1).join(" "), code }, "step failed");
    await stop(1);
  }
}

async function waitForRpc(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  logger.error({ rpc_url: url, timeout_ms: timeoutMs }, "chain did not answer in time");
  await stop(1);
}

async function stop(code: number): Promise<never> {
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  indexing.abort();
  await indexer;
  await api.close();
  await media.close();
  await database.close();
  logger.info({ code }, "stopped");
  process.exit(code);
}
