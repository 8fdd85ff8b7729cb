import { existsSync } from "node:fs";
import type { PublicClient } from "viem";
import { deploymentPath, readDeployment, writeDeployment, type Deployment } from "../../sdk/deployments.ts";

/**
 * The deployment npm start uses: a recorded one whose contracts are on this chain, else a fresh deploy.
 * The local chain keeps its own copy in DATA_DIR/chain, so a restart restores deployments/31337.json
 * (which another chain may have overwritten) without running Ignition again.
 */
export async function ensureDeployment(options: {
  client: PublicClient;
  chainId: number;
  keptIn?: string;
  deploy: () => Promise<void>;
}): Promise<Deployment & { fresh: boolean }> {
  const { client, chainId, keptIn } = options;
  for (const dir of keptIn ? [keptIn, undefined] : [undefined]) {
    if (!existsSync(deploymentPath(chainId, dir))) continue;
    const recorded = readDeployment(chainId, dir);
    if (await isOnChain(client, recorded)) {
      if (dir !== undefined) writeDeployment(recorded);
      return { ...recorded, fresh: false };
    }
  }
  await options.deploy();
  const deployed = readDeployment(chainId);
  if (keptIn) writeDeployment(deployed, keptIn);
  return { ...deployed, fresh: true };
}

async function isOnChain(client: PublicClient, deployment: Deployment): Promise<boolean> {
  const codes = await Promise.all(
    Object.values(deployment.contracts).map(({ address }) => client.getCode({ address })),
  );
  return codes.every((code) => code !== undefined && code !== "0x");
}
