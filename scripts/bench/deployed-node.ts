// A Hardhat node for a benchmark: on a free port of 127.0.0.1, in its own process group, with the ledger
// deployed into a temp directory.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDeployment } from "../../sdk/deployments.ts";
import { RpcClient } from "../../indexer/src/sync/rpc.ts";
import { freePort } from "../../test/helpers/ports.ts";

const HARDHAT = join("node_modules", ".bin", "hardhat");

/** Starts the node and deploys; `stop` ends the node's process group by its PID and removes the directory. */
export async function startDeployedNode() {
  const dir = mkdtempSync(join(tmpdir(), "bench-node-"));
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const node = spawn(process.execPath, [HARDHAT, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    if (node.pid !== undefined && node.exitCode === null) process.kill(-node.pid, "SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new RpcClient(rpcUrl, { timeoutMs: 60_000, retries: 50 }).chainId(); // retried until it listens
    execFileSync(process.execPath, [HARDHAT, "run", "scripts/deploy.ts", "--network", "localhost"], {
      // Workloads and the keeper test act as the admin directly: no admin delay on this bare ledger.
      env: { ...process.env, RPC_URL: rpcUrl, DEPLOYMENTS_DIR: dir, ADMIN_DELAY: "0" },
      stdio: "ignore",
    });
    return { rpcUrl, deployment: readDeployment(31337, dir), stop };
  } catch (error) {
    stop();
    throw error;
  }
}
