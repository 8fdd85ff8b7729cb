import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Hex, type TransactionReceipt, parseEther } from "viem";
import { decodeReceiptLogs } from "../../sdk/proofs/receipt-encoding.ts";
import { proveLogs, refuteProvenLog } from "../../sdk/proofs/event-proof.ts";
import { receiptsTrie, verifyReceiptProof } from "../../sdk/proofs/receipt-proof.ts";
import { useCommerce } from "../fixtures/commerce.ts";
import { registerItems } from "../fixtures/provenance.ts";

const chain = await useCommerce();

/** Mines a block holding a value transfer and a provenance registration (with logs); returns it and its receipts. */
async function mixedBlock() {
  const f = await chain.load();
  const [first, second] = await f.viem.getWalletClients();
  await f.connection.provider.request({ method: "evm_setAutomine", params: [false] });
  await first.sendTransaction({ to: second.account.address, value: parseEther("1") });
  await registerItems(f, ["proof-a", "proof-b"]);
  await f.connection.provider.request({ method: "evm_mine", params: [] });
  await f.connection.provider.request({ method: "evm_setAutomine", params: [true] });
  const block = await f.publicClient.getBlock();
  const receipts = await Promise.all(block.transactions.map((hash) => f.publicClient.getTransactionReceipt({ hash })));
  return { f, block, receipts: receipts as TransactionReceipt[] };
}

describe("receipt inclusion proofs", () => {
  it("rebuild the block's receiptsRoot and prove every receipt in it", async () => {
    const { block, receipts } = await mixedBlock();
    assert.ok(receipts.length >= 2);
    const trie = await receiptsTrie(receipts);
    assert.equal(trie.root, block.receiptsRoot);
    for (const receipt of receipts) {
      const proof = await trie.prove(receipt.transactionIndex);
      assert.equal(await verifyReceiptProof(block.receiptsRoot, receipt.transactionIndex, proof), true);
      const logs = receipt.logs.map(({ address, topics, data }) => ({ address, topics, data }));
      assert.deepEqual(decodeReceiptLogs(proof.receipt), logs);
    }
  });

  it("refuse a receipt changed by one byte, a proof for another index, and another root", async () => {
    const { block, receipts } = await mixedBlock();
    const proof = await (await receiptsTrie(receipts)).prove(1);
    const flipped = `${proof.receipt.slice(0, -2)}${proof.receipt.endsWith("00") ? "01" : "00"}` as Hex;
    assert.equal(await verifyReceiptProof(block.receiptsRoot, 1, { ...proof, receipt: flipped }), false);
    assert.equal(await verifyReceiptProof(block.receiptsRoot, 0, proof), false);
    assert.equal(await verifyReceiptProof(block.parentHash, 1, proof), false);
  });
});

describe("proven logs", () => {
  it("hold for a log read from the chain, and are refused when changed or moved off the canonical chain", async () => {
    const { f, block, receipts } = await mixedBlock();
    const withLog = receipts.find((receipt) => receipt.logs.length > 0);
    assert.ok(withLog);
    const [log] = withLog.logs;
    const [proven] = await proveLogs(f.publicClient, [
      { blockNumber: Number(block.number), contract: log.address, logIndex: log.logIndex },
    ]);
    assert.equal(proven.transactionHash, withLog.transactionHash);
    assert.equal(await refuteProvenLog(f.publicClient, proven), null);
    const changed = { ...proven, log: { ...proven.log, data: `${proven.log.data}00` as Hex } };
    assert.match(String(await refuteProvenLog(f.publicClient, changed)), /differs/);
    const forked = { ...proven, blockHash: block.parentHash };
    assert.match(String(await refuteProvenLog(f.publicClient, forked)), /not canonical/);
  });
});
