import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ipfsRpcAuth } from "../../scripts/start/local-secrets.ts";
import { launchStart } from "../helpers/start-process.ts";

/**
 * `scripts/start.ts` without demo data on the given ports (`ipfs`: the API with the IPFS gateway, `ipfsRpc`: the
 * IPFS node's private RPC), in a temp data dir, as test/e2e does it.
 */
export function startLocalSystem(
  ports: { chain: number; ipfs: number; ipfsRpc: number },
  extraEnv: NodeJS.ProcessEnv = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), "ledger-cli-"));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DEPLOYMENTS_DIR: join(dataDir, "deployments"),
    CHAIN_PORT: String(ports.chain),
    IPFS_PORT: String(ports.ipfs),
    IPFS_RPC_PORT: String(ports.ipfsRpc),
    SEED_DEMO: "false",
    ...extraEnv,
  };
  const start = launchStart(env, [], 120_000);
  return {
    dataDir,
    deploymentsDir: env.DEPLOYMENTS_DIR,
    rpcUrl: `http://127.0.0.1:${ports.chain}`,
    ipfsApiUrl: `http://127.0.0.1:${ports.ipfsRpc}/api/v0`,
    /** The token npm start keeps in the data directory for its IPFS RPC (Kubo AuthSecret form). */
    ipfsApiAuth: () => ipfsRpcAuth(dataDir),
    /** The API serves GraphQL on the same port as the embedded IPFS node's gateway. */
    graphqlUrl: `http://127.0.0.1:${ports.ipfs}/graphql`,
    ready: start.ready,
    async stop() {
      await start.interrupt();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the merchant CLI as a user would: a subprocess with its own environment. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = spawn(process.execPath, ["scripts/merchant/main.ts", ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}
