import { createPublicClient, http, type Abi, type Address, type PublicClient } from "viem";
import { readDeployment, type Deployment } from "../../../sdk/deployments.ts";
import { BaseError } from "../../../sdk/errors.ts";
import { abiOf, type ContractAbi, type ContractName } from "../../../sdk/contracts.ts";

/** The RPC endpoint did not answer. */
export class ChainUnreachableError extends BaseError {
  override readonly name = "ChainUnreachableError";
}

export interface Chain {
  client: PublicClient;
  chainId: number;
  deployment: Deployment;
  /** Address and typed ABI of a deployed contract. */
  contract<N extends ContractName>(name: N): { address: Address; abi: ContractAbi<N> };
  /** Every deployed ABI: revert data from nested calls is decoded against all of them. */
  abis: Abi[];
}

/** Connects to `rpcUrl` and loads the deployment record of the chain it serves. */
export async function connectChain(rpcUrl: string, deploymentsDir: string): Promise<Chain> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 1 }) });
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (cause) {
    throw new ChainUnreachableError(`RPC_URL: no chain answers at ${rpcUrl} (is \`npm start\` running?)`, {
      cause,
      retryable: true,
    });
  }
  const deployment = readDeployment(chainId, deploymentsDir);
  return {
    client: client as PublicClient,
    chainId,
    deployment,
    contract: (name) => ({ address: deployment.contracts[name].address, abi: abiOf(name) }),
    abis: Object.values(deployment.contracts).map((contract) => contract.abi),
  };
}
