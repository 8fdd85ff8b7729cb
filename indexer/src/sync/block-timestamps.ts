import type { BlockHeader, RawLog, RpcClient } from "./rpc.ts";

/** Blocks whose timestamps are kept; past it the cache starts over (a backfill never looks back). */
const MAX_CACHED = 100_000;

/**
 * Gives every log its block's timestamp. Nodes that follow the execution-apis spec (geth, reth, EDR)
 * put `blockTimestamp` on each log; for the others the headers of the distinct blocks with logs are
 * fetched in JSON-RPC batches and cached by block hash, so a reorged block never lends its time.
 */
export class BlockTimestamps {
  readonly #rpc: RpcClient;
  readonly #byHash = new Map<string, number>();

  constructor(rpc: RpcClient) {
    this.#rpc = rpc;
  }

  /** Headers the sync fetched anyway: their times need no request. */
  remember(headers: readonly BlockHeader[]): void {
    if (this.#byHash.size + headers.length > MAX_CACHED) this.#byHash.clear();
    for (const header of headers) this.#byHash.set(header.hash.toLowerCase(), header.timestamp);
  }

  /**
   * Sets `blockTimestamp` on the logs that lack it. False when a block's header no longer carries the
   * hash the log names: the logs came from a fork the node has left, and must be fetched again.
   */
  async complete(logs: RawLog[]): Promise<boolean> {
    const wanted = new Map<number, string>();
    for (const log of logs) {
      if (log.blockTimestamp === undefined && !this.#byHash.has(log.blockHash.toLowerCase()))
        wanted.set(Number(log.blockNumber), log.blockHash.toLowerCase());
    }
    if (wanted.size > 0) {
      const numbers = [...wanted.keys()];
      const headers = await this.#rpc.blocks(numbers);
      if (headers.some((header, i) => header?.hash.toLowerCase() !== wanted.get(numbers[i]))) return false;
      this.remember(headers as BlockHeader[]);
    }
    for (const log of logs) {
      if (log.blockTimestamp !== undefined) continue;
      const timestamp = this.#byHash.get(log.blockHash.toLowerCase());
      if (timestamp === undefined) return false; // two hashes for one block number in one answer
      log.blockTimestamp = `0x${timestamp.toString(16)}`;
    }
    return true;
  }
}
