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

/** A range whose logs arrive in pieces of consecutive blocks, in chain order. */
export interface StreamedLogRange {
  to: number;
  pieces: AsyncIterable<RawLog[]> | Iterable<RawLog[]>;
}

/** Requests a range not fetched ahead is split into: the first piece is applied while the node assembles the next. */
const PIECES = 8;

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

  /**
   * Logs of blocks `from`..`to`, where `to` ≤ `limit` is as far as the span allows, in pieces of
   * consecutive blocks. A range fetched ahead comes whole; any other is split into requests, each sent
   * as the one before it is answered, so the caller decodes and writes the first while the node is
   * still answering. A failed request fails the iteration.
   */
  async stream(from: number, limit: number): Promise<StreamedLogRange> {
    const ahead = await this.#takeAhead(from, limit);
    if (ahead) return { to: ahead.to, pieces: [ahead.logs] };
    const to = Math.min(limit, from + this.#span - 1);
    const size = Math.ceil((to - from + 1) / PIECES);
    const first = this.#piece(from, Math.min(to, from + size - 1));
    first.catch(() => {}); // reported when awaited, unless the caller never iterates
    return { to, pieces: this.#pieces(from, to, size, first) };
  }

  /** Starts fetching from `from` now; a `stream` of the same `from` takes the answer, any other discards it. */
  prefetch(from: number, limit: number): void {
    const range = this.#fetch(from, limit);
    range.catch(() => {}); // reported by the stream that takes it, if any
    this.#ahead = { from, range };
  }

  /** The range fetched ahead if it starts at `from` and ends by `limit`; it is discarded either way. */
  async #takeAhead(from: number, limit: number): Promise<LogRange | undefined> {
    const ahead = this.#ahead;
    this.#ahead = undefined;
    if (ahead?.from !== from) return undefined;
    const range = await ahead.range.catch(() => undefined); // a failed fetch ahead is simply made again
    return range && range.to <= limit ? range : undefined;
  }

  async *#pieces(from: number, to: number, size: number, first: Promise<RawLog[]>): AsyncGenerator<RawLog[]> {
    let count = 0;
    let next = first;
    for (let start = from; start <= to; start += size) {
      const logs = await next;
      if (start + size <= to) {
        next = this.#piece(start + size, Math.min(to, start + 2 * size - 1));
        next.catch(() => {}); // reported when awaited, unless the caller stopped iterating
      }
      count += logs.length;
      yield logs;
    }
    if (count < this.#options.targetLogs && to - from + 1 === this.#span)
      this.#span = Math.min(this.#options.maxSpan, this.#span * 2);
  }

  /** Logs of blocks `from`..`to`, in as many calls as the node's limit needs. */
  async #piece(from: number, to: number): Promise<RawLog[]> {
    const range = await this.#fetch(from, to);
    return range.to === to ? range.logs : [...range.logs, ...(await this.#piece(range.to + 1, to))];
  }

  async #fetch(from: number, limit: number): Promise<LogRange> {
    for (;;) {
      const to = Math.min(limit, from + this.#span - 1);
      try {
        const logs = await this.#rpc.logs(this.#addresses, from, to);
        if (logs.length < this.#options.targetLogs && to - from + 1 === this.#span)
          this.#span = Math.min(this.#options.maxSpan, this.#span * 2);
        return { to, logs };
      } catch (error) {
        if (!(error instanceof LogRangeTooLargeError) || to === from) throw error;
        this.#span = Math.max(1, Math.floor((to - from + 1) / 2));
      }
    }
  }
}
