import {
  BaseError as ViemError,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  ExecutionRevertedError,
  http,
  keccak256,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { abiOf } from "../../sdk/contracts.ts";
import { decodeRevert } from "../../sdk/contract-errors.ts";
import type { Deployment } from "../../sdk/deployments.ts";
import { ConfigError } from "../../sdk/errors.ts";
import { orderTermsFromJson, type OrderTermsJson } from "../../sdk/order-terms.ts";
import type { DeadlineCall } from "../../sdk/deadlines.ts";
import { CallRevertedError } from "./errors.ts";

export type EscrowCaller = ReturnType<typeof escrowCaller>;

/**
 * The keeper's chain access through viem: the chain's time, its account's next nonce, and the deadline calls,
 * each gas-estimated first (a call the escrow would refuse throws CallRevertedError before anything is sent),
 * then signed locally with the nonce the keeper gives and broadcast raw.
 */
export function escrowCaller(options: {
  rpcUrl: string;
  deployment: Deployment;
  /** Absent in a dry run, which sends nothing. */
  privateKey?: Hex;
  receiptTimeoutMs: number;
  rpcTimeoutMs?: number;
}) {
  const transport = http(options.rpcUrl, { timeout: options.rpcTimeoutMs });
  const client = createPublicClient({ transport, pollingInterval: 500 });
  const account = options.privateKey && privateKeyToAccount(options.privateKey);
  const wallet = account && createWalletClient({ account, transport });
  const escrow = { address: options.deployment.contracts.OrderEscrow.address, abi: abiOf("OrderEscrow") };
  const abis = Object.values(options.deployment.contracts).map((contract) => contract.abi);

  function requireAccount() {
    if (!account || !wallet) throw new ConfigError("KEEPER_PRIVATE_KEY: not set, so the keeper can only run dry");
    return { account, wallet };
  }

  /** Why the escrow refuses a call, when that is what `error` says; undefined for a network or node fault. */
  function refusal(error: unknown, what: string): CallRevertedError | undefined {
    const decoded = decodeRevert(error, abis);
    const reverted = error instanceof ViemError && error.walk((cause) => cause instanceof ExecutionRevertedError);
    if (!decoded && !reverted) return undefined;
    return new CallRevertedError(`${what}: ${decoded?.message ?? "reverted without a reason"}`, { cause: error });
  }

  return {
    address: account?.address,

    /** The latest block's timestamp: what the escrow compares deadlines with (a later block's can only be later). */
    async chainTime(): Promise<number> {
      return Number((await client.getBlock({ blockTag: "latest" })).timestamp);
    },

    /** The account's next nonce, counting its transactions still pending. */
    pendingNonce(): Promise<number> {
      return client.getTransactionCount({ address: requireAccount().account.address, blockTag: "pending" });
    },

    /** Sends `call` for the order with `nonce`; returns the transaction hash once the node holds it. */
    async send(call: DeadlineCall, orderId: string, terms: OrderTermsJson, nonce: number): Promise<Hex> {
      const { account, wallet } = requireAccount();
      const args = [BigInt(orderId), orderTermsFromJson(terms)] as const;
      const what = `${call}(${orderId})`;
      const gas = await client
        .estimateContractGas({ ...escrow, functionName: call, args, account })
        .catch((error: unknown) => {
          throw refusal(error, what) ?? error;
        });
      const data = encodeFunctionData({ abi: escrow.abi, functionName: call, args });
      const request = await wallet.prepareTransactionRequest({ to: escrow.address, data, gas, nonce, chain: null });
      const serializedTransaction = await wallet.signTransaction({ ...request, chain: null });
      const hash = keccak256(serializedTransaction);
      try {
        await client.sendRawTransaction({ serializedTransaction });
      } catch (error) {
        // An answer lost on the way back: the node may hold the transaction all the same.
        const held = await client.getTransaction({ hash }).then(
          () => true,
          () => false,
        );
        if (!held) throw error;
      }
      return hash;
    },

    /** Waits until `hash` is mined; a reverted transaction is a CallRevertedError. */
    async confirm(hash: Hex): Promise<TransactionReceipt> {
      const receipt = await client.waitForTransactionReceipt({ hash, timeout: options.receiptTimeoutMs });
      if (receipt.status !== "success")
        throw new CallRevertedError(`transaction ${hash} reverted in block ${receipt.blockNumber}`);
      return receipt;
    },
  };
}
