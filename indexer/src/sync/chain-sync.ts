import type { Logger } from "pino";
import type { Deployment } from "../../../sdk/deployments.ts";
import { sleep } from "../sleep.ts";
import { ChainMismatchError, ForkedLogsError, ReorgTooDeepError } from "../errors.ts";
import type { ChainEvent } from "../handlers/types.ts";
import type { Db } from "../store/db.ts";
import { knownBlocks, readCursor, rollbackTo } from "../store/sync-state.ts";
import { applyBatch } from "./apply.ts";
import { BlockTimestamps } from "./block-timestamps.ts";
import { eventDecoder, type EventDecoder } from "./decode.ts";
import { LogSource, type LogRangeOptions } from "./log-source.ts";
import type { SyncMetrics } from "./metrics.ts";
import type { BlockHeader, RawLog, RpcClient } from "./rpc.ts";
import type { HeadWatcher } from "./head-watcher.ts";
import { ProgressReporter } from "./progress.ts";

export interface SyncOptions extends LogRangeOptions {
  /** Blocks below head - finalityDepth are final; 0: every block is final (QBFT/IBFT). */
  finalityDepth: number;
  pollIntervalMs: number;
  /** Expected chain id, checked at start. */
  chainId?: number;
}

type StepResult = "caught-up" | "progress" | "reorg";

/** Logs decoded and applied per chunk of a batch: a chunk's rows are written while the next is decoded. */
const DECODE_CHUNK_LOGS = 20_000;

/** Follows the chain into the database: backfill, head polling and reorg rollback. */
export class ChainSync {
  readonly #db: Db;
  readonly #rpc: RpcClient;
  readonly #deployment: Deployment;
  readonly #options: SyncOptions;
  readonly #logger: Logger;
  readonly #metrics: SyncMetrics;
  readonly #decoder: EventDecoder;
  readonly #logs: LogSource;
  readonly #timestamps: BlockTimestamps;
  readonly #heads: HeadWatcher | undefined;
  readonly #progressReporter: ProgressReporter;

  /**
   * `heads`: a newHeads subscription that wakes the follow loop at once; without it (or while it is down) the
   * loop polls.
   */
  constructor(deps: {
    db: Db;
    rpc: RpcClient;
    deployment: Deployment;
    options: SyncOptions;
    logger: Logger;
    metrics: SyncMetrics;
    heads?: HeadWatcher;
  }) {
    this.#db = deps.db;
    this.#rpc = deps.rpc;
    this.#deployment = deps.deployment;
    this.#options = deps.options;
    this.#logger = deps.logger;
    this.#metrics = deps.metrics;
    this.#decoder = eventDecoder(deps.deployment);
    this.#logs = new LogSource(deps.rpc, this.#decoder.addresses, deps.options);
    this.#timestamps = new BlockTimestamps(deps.rpc);
    this.#heads = deps.heads;
    this.#progressReporter = new ProgressReporter(deps.logger);
  }

  /** Checks that the RPC's `chainId` is the one configured, deployed to and already indexed. */
  async checkChain(chainId: number): Promise<void> {
    const expected = [
      ["CHAIN_ID", this.#options.chainId],
      ["the deployment file", this.#deployment.chainId],
      ["the database", (await readCursor(this.#db))?.chainId],
    ] as const;
    for (const [source, id] of expected) {
      if (id !== undefined && id !== chainId)
        throw new ChainMismatchError(`RPC serves chain ${chainId} but ${source} says ${id}`);
    }
  }

  /** Indexes up to the head seen at the call, then returns. */
  async runOnce(): Promise<void> {
    while ((await this.step()) !== "caught-up");
  }

  /** Indexes and follows the head until `signal` aborts; retryable faults are logged and retried. */
  async follow(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let result: StepResult;
      try {
        result = await this.step();
      } catch (error) {
        if (!(error as { retryable?: boolean }).retryable) throw error;
        this.#logger.warn({ err: error }, "sync step failed; retrying");
        result = "caught-up";
      }
      if (result === "caught-up")
        await (this.#heads
          ? this.#heads.wait(this.#options.pollIntervalMs, signal)
          : sleep(this.#options.pollIntervalMs, signal));
    }
  }

  /** One unit of progress: verify the cursor is canonical, then index the next range. */
  async step(): Promise<StepResult> {
    const head = await this.#rpc.blockNumber();
    this.#metrics.head = head;
    const stored = await readCursor(this.#db);
    const cursor = stored ?? { block: Number(this.#deployment.deployBlock) - 1, hash: undefined };
    this.#metrics.cursor = cursor.block;
    if (cursor.hash !== undefined) {
      const current = await this.#rpc.block(cursor.block);
      if (current?.hash !== cursor.hash) return this.#reorg(cursor.block);
    }
    if (cursor.block >= head) return "caught-up";

    const started = performance.now();
    const from = cursor.block + 1;
    const finalizedThrough = head - this.#options.finalityDepth;
    const { to, pieces } = await this.#logs.stream(from, head);
    const unfinalized: number[] = [];
    for (let number = Math.max(from, finalizedThrough + 1); number <= to; number++) unfinalized.push(number);
    const fetched = await this.#rpc.blocks(unfinalized);
    if (fetched.some((header) => !header)) return "reorg"; // the chain shrank under us: start over
    const headers = fetched as BlockHeader[];
    this.#timestamps.remember(headers);
    const last = headers.at(-1)?.number === to ? headers.at(-1) : await this.#rpc.block(to);
    if (!last) return "reorg";
    const chained = headers.every((header, i) =>
      i === 0
        ? header.number !== from || cursor.hash === undefined || header.parentHash === cursor.hash
        : header.parentHash === headers[i - 1].hash,
    );
    if (!chained) return this.#reorg(cursor.block);

    // The node assembles the next range while this one is decoded and written.
    if (to < head) this.#logs.prefetch(to + 1, head);
    let applied: number;
    try {
      const events = this.#events(pieces, headers);
      applied = await applyBatch(this.#db, {
        chainId: this.#deployment.chainId,
        events,
        head: last,
        headers,
        finalizedThrough,
      });
    } catch (error) {
      if (error instanceof ForkedLogsError) return "reorg"; // the batch was rolled back: fetch again
      throw error;
    }
    this.#progress(from, to, head, applied, performance.now() - started);
    return to >= head ? "caught-up" : "progress";
  }

  /** Decoded chunks of each piece of logs, once the piece is checked against the headers (throws ForkedLogsError). */
  async *#events(
    pieces: AsyncIterable<RawLog[]> | Iterable<RawLog[]>,
    headers: BlockHeader[],
  ): AsyncGenerator<ChainEvent[]> {
    const hashes = new Map(headers.map((header) => [header.number, header.hash.toLowerCase()]));
    for await (const logs of pieces) {
      const consistent = logs.every((log) => {
        const expected = hashes.get(Number(log.blockNumber));
        return expected === undefined || expected === log.blockHash.toLowerCase();
      });
      if (!consistent) throw new ForkedLogsError("logs name blocks the fetched headers do not");
      if (!(await this.#timestamps.complete(logs)))
        throw new ForkedLogsError("logs name blocks the node no longer has");
      yield* this.#decoder.chunks(logs, DECODE_CHUNK_LOGS);
    }
  }

  async #reorg(forkedBlock: number): Promise<StepResult> {
    const known = await knownBlocks(this.#db);
    for (const block of known) {
      if (block.number > forkedBlock) continue;
      const current = await this.#rpc.block(block.number);
      if (current?.hash !== block.hash) continue;
      const undone = await rollbackTo(this.#db, block);
      this.#metrics.reorgs++;
      this.#metrics.rolledBackRows += undone;
      this.#logger.warn(
        { forked_block: forkedBlock, ancestor: block.number, depth: forkedBlock - block.number, undone_rows: undone },
        "chain reorganised; rolled back to the common ancestor",
      );
      return "reorg";
    }
    throw new ReorgTooDeepError(forkedBlock, known.at(-1)?.number ?? forkedBlock);
  }

  #progress(from: number, to: number, head: number, events: number, elapsedMs: number): void {
    this.#metrics.cursor = to;
    this.#metrics.events += events;
    this.#metrics.batches++;
    this.#metrics.eventsPerSecond = Math.round((events * 1000) / Math.max(1, elapsedMs));
    this.#logger.debug({ from_block: from, to_block: to, events }, "batch committed");
    this.#progressReporter.update({
      from,
      to,
      head,
      events,
      eventsPerSec: this.#metrics.eventsPerSecond,
      span: this.#logs.span,
    });
  }
}
