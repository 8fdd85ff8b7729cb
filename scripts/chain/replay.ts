import type { Logger } from "pino";
import type { Hex, PublicClient, TestClient, WalletClient } from "viem";
import { LocalChainError } from "./errors.ts";
import type { BlockJournal } from "./journal.ts";

type ReplayClient = TestClient<"hardhat"> & Pick<PublicClient, "getBlock"> & Pick<WalletClient, "sendRawTransaction">;

/**
 * Rebuilds the journal's chain on a fresh node started with the journal's genesis date: each block's
 * transactions into the mempool (FIFO order), then one block mined at the recorded timestamp. Every
 * block must come out with the recorded hash; the first that does not stops the start.
 */
export async function replayJournal(client: ReplayClient, journal: BlockJournal, logger: Logger): Promise<void> {
  const genesis = await client.getBlock({ blockNumber: 0n });
  if (genesis.hash !== journal.genesis?.hash) {
    throw new LocalChainError(
      `the node's genesis block ${genesis.hash} is not the journal's ${journal.genesis?.hash}: ` +
        "chain id, accounts, hardfork or Hardhat's version changed",
    );
  }
  if (journal.blocks.length === 0) return;
  logger.info({ blocks: journal.blocks.length }, "replaying the block journal");
  await client.setAutomine(false);
  for (const recorded of journal.blocks) {
    for (const serializedTransaction of recorded.transactions)
      await client.sendRawTransaction({ serializedTransaction });
    await client.setNextBlockTimestamp({ timestamp: BigInt(recorded.timestamp) });
    await client.mine({ blocks: 1 });
    const mined = await client.getBlock({ blockNumber: BigInt(recorded.number) });
    if (mined.hash !== recorded.hash) throw mismatch(recorded.number, recorded.hash, mined.hash);
  }
  await client.setAutomine(true);
}

function mismatch(number: number, expected: Hex, actual: Hex | null): LocalChainError {
  return new LocalChainError(
    `block ${number} replayed as ${actual}, not ${expected}: ` +
      "the chain was changed outside transactions (hardhat_setBalance, hardhat_setCode, …) " +
      "or by another Hardhat version",
  );
}
