import {
  createWalletClient,
  http,
  type Abi,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type TransactionReceipt,
} from "viem";
import type { Logger } from "pino";
import type { ContractAbi, ContractName } from "../../../sdk/contracts.ts";
import { decodeRevert, plainReason } from "../../../sdk/contract-errors.ts";
import type { Chain } from "./chain.ts";
import { TransactionError } from "./errors.ts";
import type { Identity } from "./identity.ts";

type Writable = "nonpayable" | "payable";
type WriteName<C extends ContractName> = ContractFunctionName<ContractAbi<C>, Writable>;

/** A write to a deployed contract: its function name and arguments are checked against that contract's ABI. */
export type Call = {
  [C in ContractName]: {
    [F in WriteName<C>]: {
      contract: C;
      functionName: F;
      args: ContractFunctionArgs<ContractAbi<C>, Writable, F>;
      value?: bigint;
    };
  }[WriteName<C>];
}[ContractName];

export type Transactor = ReturnType<typeof transactor>;

/**
 * Writes to the contracts: every call is gas-estimated first, so a call the contracts would refuse
 * fails before anything is sent, with its custom error decoded into plain words.
 */
export function transactor(chain: Chain, identity: Identity, rpcUrl: string, logger: Logger) {
  const wallet = createWalletClient({ account: identity.account, transport: http(rpcUrl) });

  // Widened to Abi: the union of every contract's calls is too wide for viem to infer, and Call already checked it.
  const requestOf = (call: Call) => {
    const { address, abi } = chain.contract(call.contract);
    return {
      address,
      abi: abi as Abi,
      functionName: call.functionName as string,
      args: call.args as readonly unknown[],
      value: call.value,
      account: identity.account,
    };
  };

  /** Estimates gas: throws the decoded custom error if the contracts would refuse the call. */
  async function check(call: Call): Promise<bigint> {
    try {
      return await chain.client.estimateContractGas(requestOf(call));
    } catch (error) {
      throw refused(call, error);
    }
  }

  async function submit(call: Call): Promise<Hex> {
    const gas = await check(call);
    logger.debug({ function: call.functionName, gas: gas.toString() }, "gas estimated");
    try {
      return await wallet.writeContract({ ...requestOf(call), gas, chain: null });
    } catch (error) {
      throw refused(call, error);
    }
  }

  const refused = (call: Call, error: unknown) =>
    decodeRevert(error, chain.abis) ??
    new TransactionError(`${call.contract}.${call.functionName}: ${plainReason(error)}`, { cause: error });

  async function confirm(hash: Hex): Promise<TransactionReceipt> {
    const receipt = await chain.client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success")
      throw new TransactionError(`transaction ${hash} reverted in block ${receipt.blockNumber}`);
    logger.debug({ tx: hash, gas_used: receipt.gasUsed.toString() }, "transaction mined");
    return receipt;
  }

  return { check, submit, confirm, send: async (call: Call) => confirm(await submit(call)) };
}
