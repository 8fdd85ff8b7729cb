// A contract log with where it sits on chain and the proof that puts it there: built by the API, checked by auditors.
import type { Address, Hex, PublicClient, TransactionReceipt } from "viem";
import { type ReceiptLog, decodeReceiptLogs } from "./receipt-encoding.ts";
import { type ReceiptProof, receiptsTrie, verifyReceiptProof } from "./receipt-proof.ts";

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

/** Which log of a block to prove: by its index in the block, or the first of `contract`'s logs with these topics. */
export interface LogLocator {
  blockNumber: number;
  contract: Address;
  logIndex?: number;
  /** Leading topics the log must have; null matches any. */
  topics?: readonly (Hex | null)[];
}

const matches = (locator: LogLocator, log: TransactionReceipt["logs"][number]) =>
  log.address.toLowerCase() === locator.contract.toLowerCase() &&
  (locator.logIndex === undefined || log.logIndex === locator.logIndex) &&
  (locator.topics ?? []).every((topic, i) => topic === null || log.topics[i]?.toLowerCase() === topic.toLowerCase());

/** A block's receipts, all read from the same block (a reorg between the reads is refused, not mixed). */
async function blockReceipts(client: PublicClient, blockNumber: number) {
  const block = await client.getBlock({ blockNumber: BigInt(blockNumber) });
  const receipts = await Promise.all(block.transactions.map((hash) => client.getTransactionReceipt({ hash })));
  if (receipts.some((receipt) => receipt.blockHash !== block.hash)) {
    throw new Error(`block ${blockNumber} changed while its receipts were read (a reorg); try again`);
  }
  return receipts;
}

/** Proves each located log; the receipts trie of each block is built once, whatever the number of its logs. */
export async function proveLogs(client: PublicClient, locators: readonly LogLocator[]): Promise<ProvenLog[]> {
  const blocks = new Map<
    number,
    Promise<{ receipts: TransactionReceipt[]; trie: Awaited<ReturnType<typeof receiptsTrie>> }>
  >();
  const blockOf = (blockNumber: number) => {
    let entry = blocks.get(blockNumber);
    if (!entry) {
      entry = blockReceipts(client, blockNumber).then(async (receipts) => ({
        receipts,
        trie: await receiptsTrie(receipts),
      }));
      blocks.set(blockNumber, entry);
    }
    return entry;
  };
  return Promise.all(
    locators.map(async (locator) => {
      const { receipts, trie } = await blockOf(locator.blockNumber);
      const receipt = receipts.find((candidate) => candidate.logs.some((log) => matches(locator, log)));
      if (!receipt) throw new RangeError(`block ${locator.blockNumber} has no log ${JSON.stringify(locator)}`);
      const receiptLogIndex = receipt.logs.findIndex((log) => matches(locator, log));
      const proof = await trie.prove(receipt.transactionIndex);
      return {
        blockNumber: String(locator.blockNumber),
        blockHash: receipt.blockHash,
        transactionHash: receipt.transactionHash,
        transactionIndex: receipt.transactionIndex,
        logIndex: receipt.logs[receiptLogIndex].logIndex,
        receiptLogIndex,
        log: decodeReceiptLogs(proof.receipt)[receiptLogIndex],
        proof,
      };
    }),
  );
}

/** Why a proven log does not hold under `header` (the block of its number on the chain read), or null when it does. */
export async function refuteAgainstHeader(
  header: { hash: Hex | null; receiptsRoot: Hex } | null,
  proven: ProvenLog,
): Promise<string | null> {
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

/** Why a proven log does not hold on the chain `client` reads, or null when it does. Needs headers only. */
export async function refuteProvenLog(client: PublicClient, proven: ProvenLog): Promise<string | null> {
  return refuteAgainstHeader(
    await client.getBlock({ blockNumber: BigInt(proven.blockNumber) }).catch(() => null),
    proven,
  );
}
