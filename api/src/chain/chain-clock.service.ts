import { Inject, Injectable } from "@nestjs/common";
import type { Logger } from "pino";
import { CONFIG, LOGGER } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { jsonRpc } from "./json-rpc.ts";

const CACHE_MS = 1_000;

/**
 * The chain's time in seconds: the latest block's timestamp, which is what the contracts compare listing
 * windows and deadlines with. The wall clock can be days away from it: a development chain moved forward
 * (the demo seed advances it 8 days), or a local chain whose clock stood still while it was stopped.
 * Without RPC_URL, or while the node does not answer, the wall clock stands in.
 */
@Injectable()
export class ChainClock {
  #latest: { fetchedAt: number; seconds: Promise<number> } | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  now(): Promise<number> {
    const wall = Date.now();
    if (!this.#latest || wall - this.#latest.fetchedAt >= CACHE_MS) this.#latest = { fetchedAt: wall, seconds: this.#read() };
    return this.#latest.seconds;
  }

  async #read(): Promise<number> {
    const wallSeconds = Math.floor(Date.now() / 1000);
    if (!this.config.rpcUrl) return wallSeconds;
    try {
      const block = await jsonRpc<{ timestamp: string }>(this.config.rpcUrl, "eth_getBlockByNumber", ["latest", false]);
      return Number(BigInt(block.timestamp));
    } catch (error) {
      this.logger.warn({ err: error }, "the chain's time is unknown (latest block not read); using the wall clock");
      return wallSeconds;
    }
  }
}
