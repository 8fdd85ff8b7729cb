import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createTestClient, createWalletClient, http, parseEther, publicActions } from "viem";
import { hardhat } from "viem/chains";
import { startLocalChain, type LocalChain } from "../../scripts/chain/local-chain.ts";
import { freePort } from "../helpers/ports.ts";

describe("the local chain's block journal", () => {
  const root = mkdtempSync(join(tmpdir(), "ledger-chain-"));
  let dir = join(root, "chain");
  const logger = pino({ level: "silent" });
  let chain: LocalChain | undefined;
  const journalFailures: unknown[] = [];

  after(async () => {
    await stop();
    rmSync(root, { recursive: true, force: true });
    assert.deepEqual(journalFailures, [], "the journal never failed");
  });

  async function start(): Promise<ReturnType<typeof clients>> {
    chain = await startLocalChain({
      dir,
      host: "127.0.0.1",
      port: await freePort(),
      logger,
      launch: (args, env) => spawn(process.execPath, args, { env, detached: true, stdio: "ignore" }),
      onJournalFailure: (error) => journalFailures.push(error),
    });
    return clients(chain.rpcUrl);
  }

  async function stop(): Promise<void> {
    if (!chain) return;
    await chain.close();
    process.kill(-chain.node.pid!, "SIGTERM");
    await new Promise((resolve) => chain!.node.once("exit", resolve));
    chain = undefined;
  }

  it("rebuilds transactions, empty blocks and a moved clock with the same block hashes and balances", async () => {
    const { test, wallet } = await start();
    const [alice, bob] = await wallet.getAddresses();
    await wallet.sendTransaction({ account: alice, to: bob, value: parseEther("1") });
    await test.increaseTime({ seconds: 8 * 86_400 });
    await test.mine({ blocks: 1 });
    await wallet.sendTransaction({ account: bob, to: alice, value: parseEther("0.25") });
    const before = await test.getBlock();
    const balance = await test.getBalance({ address: bob });
    await stop();

    const again = await start();
    assert.equal(chain!.replayedBlocks, 3);
    const after = await again.test.getBlock();
    assert.equal(after.hash, before.hash);
    assert.equal(await again.test.getBalance({ address: bob }), balance);
    await again.wallet.sendTransaction({ account: alice, to: bob, value: 1n });
    assert.ok((await again.test.getBlock()).timestamp > after.timestamp, "the clock goes on from the last block");
    await stop();
  });

  it("refuses to start when the chain was changed outside a transaction (hardhat_setBalance)", async () => {
    const { test, wallet } = await start();
    const [alice, bob] = await wallet.getAddresses();
    await test.setBalance({ address: bob, value: parseEther("1") });
    await wallet.sendTransaction({ account: bob, to: alice, value: 1n });
    await stop();
    await assert.rejects(start(), { name: "LocalChainError", message: /block 5 replayed as .*hardhat_setBalance/ });
    await stop();
  });

  it("follows reverts that land while it catches up, and replays the chain the node ended with", async () => {
    dir = join(root, "reverted");
    const { test, wallet } = await start();
    const [alice, bob] = await wallet.getAddresses();
    for (let round = 0; round < 25; round += 1) {
      const snapshot = await test.snapshot();
      await wallet.sendTransaction({ account: alice, to: bob, value: BigInt(round + 1) });
      await test.mine({ blocks: 20 + round });
      await sleep(Math.floor(Math.random() * 250)); // lands before, during or after the recorder's pass
      await test.revert({ id: snapshot });
      // a different block at the reverted height
      await wallet.sendTransaction({ account: bob, to: alice, value: BigInt(round + 1) });
    }
    const head = await test.getBlock();
    await chain!.close();
    assert.deepEqual(
      journalHashes(),
      await nodeHashes(test, Number(head.number)),
      "the journal holds exactly the node's chain",
    );
    assert.equal(journalFailures.length, 0);
    await stop();

    const again = await start();
    assert.equal(chain!.replayedBlocks, Number(head.number));
    assert.equal((await again.test.getBlock()).hash, head.hash);
    await stop();
  });

  function journalHashes(): string[] {
    return readFileSync(join(dir, "blocks.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).hash);
  }
});

async function nodeHashes(client: ReturnType<typeof clients>["test"], height: number): Promise<string[]> {
  const numbers = Array.from({ length: height }, (_, index) => BigInt(index + 1));
  return Promise.all(numbers.map(async (blockNumber) => (await client.getBlock({ blockNumber })).hash));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function clients(rpcUrl: string) {
  const transport = http(rpcUrl);
  return {
    test: createTestClient({ mode: "hardhat", chain: hardhat, transport }).extend(publicActions),
    wallet: createWalletClient({ chain: hardhat, transport }),
  };
}
