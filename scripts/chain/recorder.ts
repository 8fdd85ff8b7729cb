import type { Logger } from "pino";
import type { PublicClient } from "viem";
import type { BlockJournal } from "./journal.ts";
import { rawTransactionOf } from "./raw-transaction.ts";

const POLL_MS = 200;

/**
 * Appends every block the local node mines to the journal, as it appears. Blocks reverted on the node
 * (evm_revert) are cut from the journal back to the last block both still share.
 */
export class BlockRecorder {
  readonly #client: PublicClient;
  readonly #journal: BlockJournal;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(client: PublicClient, journal: BlockJournal, logger: Logger) {
    this.#client = client;
    this.#journal = journal;
    this.#logger = logger;
  }

  /** Polls the node; a block that cannot be journaled (or an unreachable node) ends recording via `onFailure`. */
  start(onFailure: (error: unknown) => void): void {
    const tick = () => {
      if (this.#stopped) return;
      this.#timer = setTimeout(() => void this.flush().then(tick, (error: unknown) => this.#stopped || onFailure(error)), POLL_MS);
    };
    tick();
  }

  /** Records every block up to the node's head; at shutdown, call it before the node stops. */
  flush(): Promise<void> {
    this.#pass = this.#pass.catch(() => {}).then(() => this.#catchUp());
    return this.#pass;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.flush();
    this.#journal.close();
  }

  async #catchUp(): Promise<void> {
    const head = Number(await this.#client.getBlockNumber({ cacheTime: 0 }));
    const blocks = this.#journal.blocks;
    if (blocks.length > head) await this.#rewind(head);
    while (blocks.length < head) {
      const block = await this.#client.getBlock({ blockNumber: BigInt(blocks.length + 1), includeTransactions: true });
      const parent = blocks.at(-1)?.hash ?? this.#journal.genesis?.hash;
      if (block.parentHash !== parent) {
        await this.#rewind(blocks.length - 1);
        continue;
      }
      this.#journal.append({ number: Number(block.number), hash: block.hash, timestamp: Number(block.timestamp), transactions: block.transactions.map(rawTransactionOf) });
    }
  }

  /** Drops journal blocks from the first one the node no longer has, at or below `below + 1`. */
  async #rewind(below: number): Promise<void> {
    let keep = Math.min(below, this.#journal.blocks.length);
    while (keep > 0 && (await this.#client.getBlock({ blockNumber: BigInt(keep) })).hash !== this.#journal.blocks[keep - 1].hash) keep -= 1;
    this.#logger.warn({ from_block: keep + 1 }, "block journal: blocks were reverted on the node; cut from the journal");
    this.#journal.truncate(keep);
  }
}
