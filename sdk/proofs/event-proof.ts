// A contract log with where it sits on chain and the proof that puts it there: built by the API, checked by auditors.
import type { Hex, PublicClient } from "viem";
import { type ReceiptLog, decodeReceiptLogs } from "./receipt-encoding.ts";
import { type ReceiptProof, proveReceipt, verifyReceiptProof } from "./receipt-proof.ts";

export interface ProvenLog {
  blockNumber: string;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: number;
  /** Position of the log in its block, as RPC nodes number logs. */
  logIndex: number;
  /** Position of the log in its receipt, where the proven receipt holds it. */
  receiptLogIndex: number;
  log: ReceiptLog;
  proof: ReceiptProof;
}

/** Proves the log at `logIndex` of transaction `transactionHash` from the block's receipts. */
export async function proveLog(client: PublicClient, transactionHash: Hex, logIndex: number): Promise<ProvenLog> {
  const { blockNumber, blockHash, transactionIndex } = await client.getTransactionReceipt({ hash: transactionHash });
  const block = await client.getBlock({ blockHash });
  const receipts = await Promise.all(block.transactions.map((hash) => client.getTransactionReceipt({ hash })));
  const { proof } = await proveReceipt(receipts, transactionIndex);
  const receipt = receipts[transactionIndex];
  const receiptLogIndex = receipt.logs.findIndex((log) => log.logIndex === logIndex);
  if (receiptLogIndex < 0) throw new RangeError(`transaction ${transactionHash} has no log ${logIndex}`);
  const log = decodeReceiptLogs(proof.receipt)[receiptLogIndex];
  return {
    blockNumber: blockNumber.toString(),
    blockHash,
    transactionHash,
    transactionIndex,
    logIndex,
    receiptLogIndex,
    log,
    proof,
  };
}

/** Why a proven log does not hold on the chain `client` reads, or null when it does. Needs headers only. */
export async function refuteProvenLog(client: PublicClient, proven: ProvenLog): Promise<string | null> {
  const header = await client.getBlock({ blockNumber: BigInt(proven.blockNumber) }).catch(() => null);
  if (header?.hash !== proven.blockHash) return `block ${proven.blockNumber} ${proven.blockHash} is not canonical`;
  if (!(await verifyReceiptProof(header.receiptsRoot, proven.transactionIndex, proven.proof))) {
    return `receipt proof does not verify against block ${proven.blockNumber}'s receiptsRoot`;
  }
  const onChain = decodeReceiptLogs(proven.proof.receipt)[proven.receiptLogIndex];
  const same =
    onChain !== undefined &&
    onChain.address.toLowerCase() === proven.log.address.toLowerCase() &&
    onChain.data.toLowerCase() === proven.log.data.toLowerCase() &&
    onChain.topics.join() === proven.log.topics.map((topic) => topic.toLowerCase()).join();
  return same ? null : `log ${proven.logIndex} differs from the log in the proven receipt`;
}
