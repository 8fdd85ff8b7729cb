import type { Hex } from "viem";
import { LogRangeTooLargeError } from "../errors.ts";
import type { RawLog, RpcClient } from "./rpc.ts";

export interface LogRangeOptions {
  initialSpan: number;
  maxSpan: number;
  /** Grow the span while a range returns fewer logs than this. */
  targetLogs: number;
}

interface LogRange {
  to: number;
  logs: RawLog[];
}

/**
 * eth_getLogs over block ranges that adapt to the node: halve on a refused range, double while sparse.
 * The span is kept between calls, so a node's limit is learned once. The next range can be fetched
 * ahead while the caller writes the current one.
 */
export class LogSource {
  readonly #rpc: RpcClient;
  readonly #addresses: Hex[];
  readonly #options: LogRangeOptions;
  #span: number;
  #ahead: { from: number; range: Promise<LogRange> } | undefined;

  constructor(rpc: RpcClient, addresses: Hex[], options: LogRangeOptions) {
    this.#rpc = rpc;
    this.#addresses = addresses;
    this.#options = options;
    this.#span = options.initialSpan;
  }

  get span(): number {
    return this.#span;
  }

  /** Logs of blocks `from`..`to` where `to` ≤ `limit` is as far as the node allowed in one call. */
  async fetch(from: number, limit: number): Promise<LogRange> {
    const ahead = this.#ahead;
    this.#ahead = undefined;
    if (ahead?.from === from) {
      const range = await ahead.range.catch(() => undefined); // a failed fetch ahead is simply made again
      if (range && range.to <= limit) return range;
    }
    return this.#fetch(from, limit);
  }

  /** Starts fetching from `from` now; a `fetch` of the same `from` takes the answer, any other discards it. */
  prefetch(from: number, limit: number): void {
    const range = this.#fetch(from, limit);
    range.catch(() => {}); // reported by the fetch that takes it, if any
    this.#ahead = { from, range };
  }

  async #fetch(from: number, limit: number): Promise<LogRange> {
    for (;;) {
      const to = Math.min(limit, from + this.#span - 1);
      try {
        const logs = await this.#rpc.logs(this.#addresses, from, to);
        if (logs.length < this.#options.targetLogs && to - from + 1 === this.#span) this.#span = Math.min(this.#options.maxSpan, this.#span * 2);
        return { to, logs };
      } catch (error) {
        if (!(error instanceof LogRangeTooLargeError) || to === from) throw error;
        this.#span = Math.max(1, Math.floor((to - from + 1) / 2));
      }
    }
  }
}
