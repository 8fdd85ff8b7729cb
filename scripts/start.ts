// One command for the whole local system: embedded IPFS node, Hardhat node, deployment and demo data.
// `npm start`; Ctrl-C stops everything it started. Settings: see README "Configuration".
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import { z } from "zod/v4";
import { startIpfsNode } from "../api/src/media/server.ts";
import { parseEnv } from "../sdk/env.ts";

const settings = parseEnv(
  z.object({
    DATA_DIR: z.string().min(1).default("data"),
    CHAIN_HOST: z.string().default("127.0.0.1"),
    CHAIN_PORT: z.coerce.number().int().min(1).max(65535).default(8545),
    IPFS_HOST: z.string().default("127.0.0.1"),
    IPFS_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    SEED_DEMO: z.enum(["true", "false"]).default("true"),
  }),
);
const HARDHAT = join("node_modules", ".bin", "hardhat");
const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const children: ChildProcess[] = [];
let stopping = false;

mkdirSync(join(settings.DATA_DIR, "logs"), { recursive: true });
const ipfs = await startIpfsNode({ dataDir: join(settings.DATA_DIR, "ipfs"), host: settings.IPFS_HOST, port: settings.IPFS_PORT }, logger);
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

const rpcUrl = `http://${settings.CHAIN_HOST}:${settings.CHAIN_PORT}`;
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

logger.info(
  { rpc_url: rpcUrl, ipfs_api_url: ipfs.apiUrl, gateway_url: `${ipfs.gatewayUrl}/ipfs/`, deployment: "deployments/31337.json", demo_accounts: join(settings.DATA_DIR, "demo", "accounts.json") },
  "ready: press Ctrl-C to stop",
);

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
  await ipfs.close();
  logger.info({ code }, "stopped");
  process.exit(code);
}
