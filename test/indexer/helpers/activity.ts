import { createPublicClient, createWalletClient, encodeFunctionData, http, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import type { ContractName } from "../../../sdk/contracts.ts";
import type { Deployment } from "../../../sdk/deployments.ts";
import { ROLES } from "../../../sdk/roles.ts";

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

  /** A governed call as the AccessManager schedules and executes it. */
  function adminCall(contract: ContractName, functionName: string, args: unknown[]): [Address, Hex] {
    const { address, abi } = deployment.contracts[contract];
    return [address, encodeFunctionData({ abi, functionName, args })];
  }

  /**
   * An ADMIN act through the AccessManager's queue: scheduled, the admin's execution delay waited out on the
   * chain's clock, executed. Test stacks deploy with a one-second delay, which the next block already passes.
   */
  async function asAdmin(contract: ContractName, functionName: string, args: unknown[], admin: string) {
    const call = adminCall(contract, functionName, args);
    const { address, abi } = deployment.contracts.AccessManager;
    const [, delay] = (await publicClient.readContract({
      address,
      abi,
      functionName: "getAccess",
      args: [ROLES.ADMIN, admin],
    })) as [number, number, number, number];
    if (delay === 0) return send("AccessManager", "execute", call, admin);
    await send("AccessManager", "schedule", [...call, 0], admin);
    if (delay > 1) await publicClient.request({ method: "evm_increaseTime" as never, params: [delay] as never });
    await send("AccessManager", "execute", call, admin);
  }

  return {
    publicClient,
    send,
    adminCall,
    asAdmin,
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
