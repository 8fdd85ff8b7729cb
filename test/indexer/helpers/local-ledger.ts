import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDeployment } from "../../../sdk/deployments.ts";
import { ipfsRpcAuth } from "../../../scripts/start/local-secrets.ts";
import { launchStart } from "../../helpers/start-process.ts";
import { freePort } from "../../helpers/ports.ts";

/**
 * `npm start` in a temp directory on free ports: a Hardhat node with the deployed ledger, the
 * embedded IPFS node and the demo seed (merchants, listings, orders in every state, reviews, provenance);
 * `env` adds settings.
 */
export async function startLocalLedger(env: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "indexer-ledger-"));
  const deploymentsDir = join(dataDir, "deployments");
  const [chainPort, ipfsPort, rpcPort] = [await freePort(), await freePort(), await freePort()];
  const start = launchStart(
    {
      ...process.env,
      DATA_DIR: dataDir,
      DEPLOYMENTS_DIR: deploymentsDir,
      CHAIN_PORT: String(chainPort),
      IPFS_PORT: String(ipfsPort),
      IPFS_RPC_PORT: String(rpcPort),
      ...env,
    },
    [],
    120_000,
  );
  try {
    await start.ready;
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    rpcUrl: `http://127.0.0.1:${chainPort}`,
    ipfsApiUrl: `http://127.0.0.1:${rpcPort}/api/v0`,
    /** npm start's IPFS RPC token (Kubo AuthSecret form). */
    ipfsApiAuth: ipfsRpcAuth(dataDir),
    deploymentsDir,
    deployment: readDeployment(31337, deploymentsDir),
    demo: JSON.parse(readFileSync(join(dataDir, "demo", "accounts.json"), "utf8")),
    /** Stops start.ts (which stops the chain and IPFS node it started) and removes its directory. */
    async stop(): Promise<void> {
      await start.interrupt();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type LocalLedger = Awaited<ReturnType<typeof startLocalLedger>>;
