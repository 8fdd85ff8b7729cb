import { createPublicClient, createWalletClient, http, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import type { ContractName } from "../../../sdk/contracts.ts";
import type { Deployment } from "../../../sdk/deployments.ts";

/** Sends transactions from the node's unlocked development accounts and controls its clock and snapshots. */
export function chainActivity(rpcUrl: string, deployment: Deployment) {
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain: hardhat, transport });
  const wallet = createWalletClient({ chain: hardhat, transport });

  async function send(contract: ContractName, functionName: string, args: unknown[], from: string): Promise<void> {
    const { address, abi } = deployment.contracts[contract];
    const hash = await wallet.writeContract({
      address,
      abi,
      functionName,
      args,
      account: from as Address,
      chain: hardhat,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${contract}.${functionName} reverted`);
  }

  return {
    publicClient,
    send,
    snapshot: () => publicClient.request({ method: "evm_snapshot" as never }) as Promise<Hex>,
    revert: async (id: Hex) => {
      if (!(await publicClient.request({ method: "evm_revert" as never, params: [id] as never })))
        throw new Error(`evm_revert ${id} failed`);
    },
    increaseTime: (seconds: number) =>
      publicClient.request({ method: "evm_increaseTime" as never, params: [seconds] as never }),
    mine: (blocks: number) =>
      publicClient.request({ method: "hardhat_mine" as never, params: [`0x${blocks.toString(16)}`] as never }),
  };
}
