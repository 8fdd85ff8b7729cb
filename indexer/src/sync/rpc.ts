import type { Hex } from "viem";
import { BaseError } from "../../../sdk/errors.ts";
import { LogRangeTooLargeError, RpcRequestFailedError, RpcUnavailableError } from "../errors.ts";

export interface BlockHeader {
  number: number;
  hash: Hex;
  parentHash: Hex;
}

export interface RawLog {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
  removed?: boolean;
}

export interface RpcOptions {
  timeoutMs: number;
  /** Attempts after the first for retryable faults, with exponential back-off. */
  retries: number;
  /** Called on every failed attempt (metrics, logs). */
  onError?: (error: BaseError, attempt: number) => void;
}

// Nodes word their eth_getLogs limits differently (geth, Besu, Erigon, Alchemy, Infura, QuickNode...).
const RANGE_LIMIT = /too many|more than \d+ results|limit exceeded|range|response size|block range|exceed|max results|too large/i;

/** Minimal JSON-RPC client for the calls sync makes; faults come out as typed, retryable-or-not errors. */
export class RpcClient {
  readonly #url: string;
  readonly #options: RpcOptions;
  #id = 0;

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
    const block = await this.#call<{ number: Hex; hash: Hex; parentHash: Hex } | null>("eth_getBlockByNumber", [`0x${number.toString(16)}`, false]);
    return block ? { number: Number(block.number), hash: block.hash, parentHash: block.parentHash } : undefined;
  }

  async logs(addresses: Hex[], fromBlock: number, toBlock: number): Promise<RawLog[]> {
    const filter = { address: addresses, fromBlock: `0x${fromBlock.toString(16)}`, toBlock: `0x${toBlock.toString(16)}` };
    try {
      return await this.#call<RawLog[]>("eth_getLogs", [filter]);
    } catch (error) {
      if (error instanceof RpcRequestFailedError && RANGE_LIMIT.test(error.message)) throw new LogRangeTooLargeError(fromBlock, toBlock, { cause: error });
      throw error;
    }
  }

  /** eth_call of `data` on `to` at block `blockNumber` (the state after that block). */
  async call(to: Hex, data: Hex, blockNumber: number): Promise<Hex> {
    return this.#call<Hex>("eth_call", [{ to, data }, `0x${blockNumber.toString(16)}`]);
  }

  async #call<T>(method: string, params: unknown[]): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once<T>(method, params);
      } catch (error) {
        const typed = error instanceof BaseError ? error : new RpcUnavailableError(`${method} failed`, { cause: error });
        this.#options.onError?.(typed, attempt);
        if (!typed.retryable || attempt >= this.#options.retries) throw typed;
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
      }
    }
  }

  async #once<T>(method: string, params: unknown[]): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.#url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++this.#id, method, params }),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      throw new RpcUnavailableError(`${method}: ${this.#url} unreachable or timed out`, { cause });
    }
    if (response.status >= 500 || response.status === 429) throw new RpcUnavailableError(`${method}: HTTP ${response.status}`);
    let body: { result?: T; error?: { code: number; message: string } };
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw new RpcUnavailableError(`${method}: malformed response (HTTP ${response.status})`, { cause });
    }
    if (body.error) {
      throw new RpcRequestFailedError(`${method}: ${body.error.message} (code ${body.error.code})`);
    }
    if (!response.ok || !("result" in body)) throw new RpcRequestFailedError(`${method}: HTTP ${response.status} without a result`);
    return body.result as T;
  }
}
