// Inclusion proofs of transaction receipts in a block's receiptsRoot (the Merkle-Patricia receipts trie).
import { createMPT, createMerkleProof, verifyMPTWithMerkleProof } from "@ethereumjs/mpt";
import { type Hex, type TransactionReceipt, bytesToHex, hexToBytes } from "viem";
import { encodeReceipt, receiptKey } from "./receipt-encoding.ts";

export interface ReceiptProof {
  /** The receipt's EIP-2718 bytes, the value at `rlp(transactionIndex)` in the trie. */
  receipt: Hex;
  /** The trie nodes from the root to that value. */
  nodes: Hex[];
}

export interface ReceiptsTrie {
  /** What a header's receiptsRoot must be for these receipts. */
  root: Hex;
  prove(transactionIndex: number): Promise<ReceiptProof>;
}

/** Builds a block's receipts trie once, to prove any of its receipts. */
export async function receiptsTrie(blockReceipts: readonly TransactionReceipt[]): Promise<ReceiptsTrie> {
  const trie = await createMPT();
  for (const receipt of blockReceipts) {
    await trie.put(hexToBytes(receiptKey(receipt.transactionIndex)), hexToBytes(encodeReceipt(receipt)));
  }
  return {
    root: bytesToHex(trie.root()),
    async prove(transactionIndex) {
      const receipt = blockReceipts.find((candidate) => candidate.transactionIndex === transactionIndex);
      if (!receipt) throw new RangeError(`no receipt at transaction index ${transactionIndex}`);
      const nodes = await createMerkleProof(trie, hexToBytes(receiptKey(transactionIndex)));
      return { receipt: encodeReceipt(receipt), nodes: nodes.map((node) => bytesToHex(node)) };
    },
  };
}

/** True when `proof.nodes` lead from `receiptsRoot` to exactly `proof.receipt` at `transactionIndex`. */
export async function verifyReceiptProof(receiptsRoot: Hex, transactionIndex: number, proof: ReceiptProof) {
  try {
    const value = await verifyMPTWithMerkleProof(
      await createMPT(),
      hexToBytes(receiptsRoot),
      hexToBytes(receiptKey(transactionIndex)),
      proof.nodes.map((node) => hexToBytes(node)),
    );
    return value !== null && bytesToHex(value) === proof.receipt.toLowerCase();
  } catch {
    return false;
  }
}
