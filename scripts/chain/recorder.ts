import type { Logger } from "pino";
import { BlockNotFoundError, type Block, type Hash, type PublicClient } from "viem";
import { LocalChainError } from "./errors.ts";
import type { BlockJournal } from "./journal.ts";
import { rawTransactionOf } from "./raw-transaction.ts";

const POLL_MS = 200;
/** How long the node may fail to answer before the journal gives up: it can no longer follow the chain. */
const UNREACHABLE_LIMIT_MS = 30_000;

/**
 * Appends every block the local node mines to the journal, as it appears. Blocks reverted on the node
 * (evm_revert), at any moment of a pass, are cut from the journal back to the last block both still
 * share; a pass ends only when the journal's last block is the node's head.
 */
export class BlockRecorder {
  readonly #client: PublicClient;
  readonly #journal: BlockJournal;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<void> = Promise.resolve();
  #stopped = false;
  #unreachableSince: number | undefined;

  constructor(client: PublicClient, journal: BlockJournal, logger: Logger) {
    this.#client = client;
    this.#journal = journal;
    this.#logger = logger;
  }

  /**
   * Polls the node. A journal that cannot be written, or a node that does not answer for
   * UNREACHABLE_LIMIT_MS, ends recording via `onFailure`; a node that fails to answer for less is retried.
   */
  start(onFailure: (error: unknown) => void): void {
    const tick = () => {
      if (this.#stopped) return;
      this.#timer = setTimeout(
        () =>
          void this.flush()
            .then(reached, failed)
            .then(tick, (error: unknown) => this.#stopped || onFailure(error)),
        POLL_MS,
      );
    };
    const reached = () => {
      this.#unreachableSince = undefined;
    };
    const failed = (error: unknown) => {
      if (error instanceof LocalChainError) throw error; // the journal cannot take this chain: retrying cannot help
      const since = (this.#unreachableSince ??= Date.now());
      if (Date.now() - since >= UNREACHABLE_LIMIT_MS)
        throw new LocalChainError(`the node did not answer for ${UNREACHABLE_LIMIT_MS / 1000} s`, { cause: error });
      this.#logger.warn({ err: error }, "block journal: the node did not answer; retrying");
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
    const blocks = this.#journal.blocks;
    for (;;) {
      const head = await this.#client.getBlock({ blockTag: "latest" });
      const height = Number(head.number);
      if (blocks.length === height && this.#hashAt(height) === head.hash) return;
      if (blocks.length >= height) await this.#rewind(height);
      while (blocks.length < height) {
        const block = await this.#blockAt(blocks.length + 1, { includeTransactions: true });
        if (block === undefined) break; // reverted since the head was read: read it again
        if (block.parentHash !== this.#hashAt(blocks.length)) {
          await this.#rewind(blocks.length - 1);
          continue;
        }
        this.#append(block);
      }
    }
  }

  /** Drops journal blocks from the first one the node no longer has, at or below `below + 1`. */
  async #rewind(below: number): Promise<void> {
    const blocks = this.#journal.blocks;
    let keep = Math.min(below, blocks.length);
    while (keep > 0 && (await this.#blockAt(keep, { includeTransactions: false }))?.hash !== blocks[keep - 1].hash)
      keep -= 1;
    if (keep === blocks.length) return;
    this.#logger.warn(
      { from_block: keep + 1 },
      "block journal: blocks were reverted on the node; cut from the journal",
    );
    this.#write(() => this.#journal.truncate(keep));
  }

  /** The node's block at `number`, or undefined when the node no longer has one there (reverted). */
  async #blockAt<T extends boolean>(
    number: number,
    { includeTransactions }: { includeTransactions: T },
  ): Promise<Block<bigint, T> | undefined> {
    try {
      return await this.#client.getBlock({ blockNumber: BigInt(number), includeTransactions });
    } catch (error) {
      if (error instanceof BlockNotFoundError) return undefined;
      throw error;
    }
  }

  #hashAt(number: number): Hash | undefined {
    return number === 0 ? this.#journal.genesis?.hash : this.#journal.blocks[number - 1]?.hash;
  }

  #append(block: Block<bigint, true>): void {
    const transactions = block.transactions.map(rawTransactionOf);
    this.#write(() =>
      this.#journal.append({
        number: Number(block.number),
        hash: block.hash!,
        timestamp: Number(block.timestamp),
        transactions,
      }),
    );
  }

  #write(change: () => void): void {
    try {
      change();
    } catch (error) {
      throw new LocalChainError("the block journal could not be written", { cause: error });
    }
  }
}
