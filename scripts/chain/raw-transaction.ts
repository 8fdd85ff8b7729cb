import { keccak256, serializeTransaction, type Hex, type Transaction } from "viem";
import { LocalChainError } from "./errors.ts";

/**
 * The signed bytes of a mined transaction, rebuilt from its fields (EDR has no eth_getRawTransactionByHash).
 * They must hash to the transaction's own hash: an impersonated sender's placeholder signature does not
 * recover to that sender, so such a transaction could never be replayed.
 */
export function rawTransactionOf(tx: Transaction): Hex {
  const raw = serialized(tx);
  if (raw === undefined)
    throw new LocalChainError(`transaction ${tx.hash} in block ${tx.blockNumber}: type ${tx.type} cannot be journaled`);
  if (keccak256(raw) !== tx.hash)
    throw new LocalChainError(
      `transaction ${tx.hash} in block ${tx.blockNumber}: ` +
        "its signature does not rebuild it (impersonated sender?), so it cannot be replayed",
    );
  return raw;
}

function serialized(tx: Transaction): Hex | undefined {
  const { nonce, gas, value, input: data, r, s, v } = tx;
  const to = tx.to ?? undefined;
  switch (tx.type) {
    case "legacy":
      return serializeTransaction(
        { type: "legacy", chainId: tx.chainId, nonce, gas, gasPrice: tx.gasPrice, to, value, data },
        { r, s, v },
      );
    case "eip2930":
      return serializeTransaction(
        {
          type: "eip2930",
          chainId: tx.chainId,
          nonce,
          gas,
          gasPrice: tx.gasPrice,
          accessList: tx.accessList,
          to,
          value,
          data,
        },
        { r, s, yParity: tx.yParity },
      );
    case "eip1559":
      return serializeTransaction(
        {
          type: "eip1559",
          chainId: tx.chainId,
          nonce,
          gas,
          maxFeePerGas: tx.maxFeePerGas,
          maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
          accessList: tx.accessList,
          to,
          value,
          data,
        },
        { r, s, yParity: tx.yParity },
      );
    default:
      return undefined;
  }
}
