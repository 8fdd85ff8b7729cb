import type { Hex } from "viem";
import { BaseError } from "../../../sdk/errors.ts";
import { LogRangeTooLargeError, RpcBatchRefusedError, RpcRequestFailedError, RpcUnavailableError } from "../errors.ts";

export interface BlockHeader {
  number: number;
  hash: Hex;
  parentHash: Hex;
  /** Unix seconds. */
  timestamp: number;
}

interface RpcBlock {
  number: Hex;
  hash: Hex;
  parentHash: Hex;
  timestamp: Hex;
}

export interface RawLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
  /** Newer nodes (execution-apis, geth, reth, EDR) include it; older ones do not. */
  blockTimestamp?: Hex;
  removed?: boolean;
}

export interface RpcOptions {
  timeoutMs: number;
  /** Attempts after the first for retryable faults, with exponential back-off. */
  retries: number;
  /** Called on every failed attempt (metrics, logs). */
  onError?: (error: BaseError, attempt: number) => void;
}

/** Requests per JSON-RPC batch: geth and Besu refuse larger ones by default (1,000). */
const MAX_BATCH = 500;

// Nodes word their eth_getLogs limits differently (geth, Besu, Erigon, Alchemy, Infura, QuickNode...).
const RANGE_LIMIT =
  /too many|more than \d+ results|limit exceeded|range|response size|block range|exceed|max results|too large/i;

/** Minimal JSON-RPC client for the calls sync makes; faults come out as typed, retryable-or-not errors. */
export class RpcClient {
  readonly #url: string;
  readonly #options: RpcOptions;
  #id = 0;
  /** Cleared once the node answers a batch with a single error. */
  #batches = true;

  constructor(url: string, options: RpcOptions) {
    this.#url = url;
    this.#options = options;
  }

  async chainId(): Promise<number> {
    return Number(await this.#call<Hex>("eth_chainId", []));
  }

  async blockNumber(): Promise<number> {
    return Number(await this.#call<Hex>("eth_blockNumber", []));
  }

  /** The header of block `number`, or undefined if the chain is shorter. */
  async block(number: number): Promise<BlockHeader | undefined> {
    return toHeader(await this.#call<RpcBlock | null>("eth_getBlockByNumber", [`0x${number.toString(16)}`, false]));
  }

  /**
   * Headers of `numbers` in that order (undefined past the head), in JSON-RPC batches; one by one for a node
   * that refuses batches.
   */
  async blocks(numbers: readonly number[]): Promise<(BlockHeader | undefined)[]> {
    const headers: (BlockHeader | undefined)[] = [];
    for (let start = 0; start < numbers.length; start += MAX_BATCH) {
      const chunk = numbers.slice(start, start + MAX_BATCH);
      if (this.#batches) {
        const calls = chunk.map(
          (number) => ["eth_getBlockByNumber", [`0x${number.toString(16)}`, false]] as [string, unknown[]],
        );
        try {
          headers.push(
            ...(
              await this.#withRetries("eth_getBlockByNumber batch", () => this.#batchOnce<RpcBlock | null>(calls))
            ).map(toHeader),
          );
          continue;
        } catch (error) {
          if (!(error instanceof RpcBatchRefusedError)) throw error;
          this.#batches = false;
        }
      }
      for (const number of chunk) headers.push(await this.block(number));
    }
    return headers;
  }

  async logs(addresses: Hex[], fromBlock: number, toBlock: number): Promise<RawLog[]> {
    const filter = {
      address: addresses,
      fromBlock: `0x${fromBlock.toString(16)}`,
      toBlock: `0x${toBlock.toString(16)}`,
    };
    try {
      return await this.#call<RawLog[]>("eth_getLogs", [filter]);
    } catch (error) {
      if (error instanceof RpcRequestFailedError && RANGE_LIMIT.test(error.message))
        throw new LogRangeTooLargeError(fromBlock, toBlock, { cause: error });
      throw error;
    }
  }

  /** eth_call of `data` on `to` at block `blockNumber` (the state after that block). */
  async call(to: Hex, data: Hex, blockNumber: number): Promise<Hex> {
    return this.#call<Hex>("eth_call", [{ to, data }, `0x${blockNumber.toString(16)}`]);
  }

  #call<T>(method: string, params: unknown[]): Promise<T> {
    return this.#withRetries(method, () => this.#once<T>(method, params));
  }

  async #withRetries<T>(method: string, request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        const typed =
          error instanceof BaseError ? error : new RpcUnavailableError(`${method} failed`, { cause: error });
        this.#options.onError?.(typed, attempt);
        if (!typed.retryable || attempt >= this.#options.retries) throw typed;
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
      }
    }
  }

  async #once<T>(method: string, params: unknown[]): Promise<T> {
    const { response, body } = await this.#post<Answer<T>>(method, { jsonrpc: "2.0", id: ++this.#id, method, params });
    return resultOf(method, response, body);
  }

  /** One HTTP request carrying `calls` as a JSON-RPC batch; answers matched to calls by id. */
  async #batchOnce<T>(calls: readonly (readonly [string, unknown[]])[]): Promise<T[]> {
    const first = this.#id + 1;
    const requests = calls.map(([method, params]) => ({ jsonrpc: "2.0", id: ++this.#id, method, params }));
    const method = `${calls[0]?.[0] ?? "batch"} batch`;
    const { response, body } = await this.#post<Answer<T>[] | Answer<T>>(method, requests);
    if (!Array.isArray(body))
      throw new RpcBatchRefusedError(`${method}: ${body.error?.message ?? "not an array of answers"}`);
    const byId = new Map(body.map((answer) => [answer.id, answer]));
    return requests.map((request) => {
      const answer = byId.get(request.id);
      if (!answer)
        throw new RpcUnavailableError(
          `${method}: no answer to request ${request.id - first + 1} of ${requests.length}`,
        );
      return resultOf(method, response, answer);
    });
  }

  async #post<B>(method: string, payload: unknown): Promise<{ response: Response; body: B }> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.#url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      throw new RpcUnavailableError(`${method}: ${this.#url} unreachable or timed out`, { cause });
    }
    if (response.status >= 500 || response.status === 429)
      throw new RpcUnavailableError(`${method}: HTTP ${response.status}`);
    try {
      return { response, body: JSON.parse(text) as B };
    } catch (cause) {
      throw new RpcUnavailableError(`${method}: malformed response (HTTP ${response.status})`, { cause });
    }
  }
}

interface Answer<T> {
  id?: number;
  result?: T;
  error?: { code: number; message: string };
}

function resultOf<T>(method: string, response: Response, answer: Answer<T>): T {
  if (answer.error) throw new RpcRequestFailedError(`${method}: ${answer.error.message} (code ${answer.error.code})`);
  if (!response.ok || !("result" in answer))
    throw new RpcRequestFailedError(`${method}: HTTP ${response.status} without a result`);
  return answer.result as T;
}

function toHeader(block: RpcBlock | null | undefined): BlockHeader | undefined {
  return block
    ? {
        number: Number(block.number),
        hash: block.hash,
        parentHash: block.parentHash,
        timestamp: Number(block.timestamp),
      }
    : undefined;
}
