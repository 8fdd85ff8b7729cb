// Consensus encoding of a transaction receipt, the value stored in a block's receipts trie.
import { type Hex, type TransactionReceipt, concatHex, fromRlp, numberToHex, toRlp } from "viem";

const TYPE_BYTES: Record<string, Hex | undefined> = {
  legacy: undefined,
  eip2930: "0x01",
  eip1559: "0x02",
  eip4844: "0x03",
  eip7702: "0x04",
};

/** A quantity as RLP wants it: big-endian bytes without leading zeros, zero as the empty string. */
function quantity(value: bigint | number): Hex {
  return value === 0n || value === 0 ? "0x" : numberToHex(value);
}

/** The receipt's bytes per EIP-2718: `type || rlp([status, cumulativeGasUsed, logsBloom, logs])`. */
export function encodeReceipt(receipt: TransactionReceipt): Hex {
  const logs = receipt.logs.map((log) => [log.address, log.topics as Hex[], log.data]);
  const status = receipt.status === "success" ? "0x01" : "0x";
  const body = toRlp([status, quantity(receipt.cumulativeGasUsed), receipt.logsBloom, logs]);
  const typeByte = TYPE_BYTES[receipt.type];
  return typeByte === undefined ? body : concatHex([typeByte, body]);
}

/** The receipts trie key of the transaction at `index` in its block: `rlp(index)`. */
export function receiptKey(index: number): Hex {
  return toRlp(quantity(index));
}

export interface ReceiptLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
}

/** The logs of a receipt in its EIP-2718 bytes, in the order the transaction emitted them. */
export function decodeReceiptLogs(encoded: Hex): ReceiptLog[] {
  const body = Number.parseInt(encoded.slice(2, 4), 16) < 0x80 ? `0x${encoded.slice(4)}` : encoded;
  const [, , , logs] = fromRlp(body as Hex, "hex") as [Hex, Hex, Hex, [Hex, Hex[], Hex][]];
  return logs.map(([address, topics, data]) => ({ address, topics, data }));
}
