import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDeployment } from "../../../sdk/deployments.ts";
import { freePort } from "./ports.ts";

/**
 * `npm start` in a temp directory on free ports: a Hardhat node with the deployed ledger, the
 * embedded IPFS node and the demo seed (merchants, listings, orders in every state, reviews, provenance);
 * `env` adds settings.
 */
export async function startLocalLedger(env: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "indexer-ledger-"));
  const deploymentsDir = join(dataDir, "deployments");
  const [chainPort, ipfsPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["scripts/start.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, DEPLOYMENTS_DIR: deploymentsDir, CHAIN_PORT: String(chainPort), IPFS_PORT: String(ipfsPort), LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ledger not ready in 120 s:\n${output.slice(-3000)}`)), 120_000);
    child.stdout.on("data", () => output.includes('"msg":"ready') && (clearTimeout(timer), resolve()));
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`ledger exited with ${code}:\n${output.slice(-3000)}`))));
  });
  const deployment = readDeployment(31337, deploymentsDir);
  return {
    rpcUrl: `http://127.0.0.1:${chainPort}`,
    ipfsApiUrl: `http://127.0.0.1:${ipfsPort}/api/v0`,
    deploymentsDir,
    deployment,
    demo: JSON.parse(readFileSync(join(dataDir, "demo", "accounts.json"), "utf8")),
    /** Stops start.ts (which stops the chain and IPFS node it started) and removes its directory. */
    async stop(): Promise<void> {
      if (child.exitCode === null) child.kill("SIGINT");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type LocalLedger = Awaited<ReturnType<typeof startLocalLedger>>;
