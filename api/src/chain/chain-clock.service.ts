import { Inject, Injectable } from "@nestjs/common";
import type { Logger } from "pino";
import type { PublicClient } from "viem";
import { LOGGER } from "../common/tokens.ts";
import { CHAIN_CLIENT } from "./chain-client.ts";

const CACHE_MS = 1_000;

/**
 * The chain's time in seconds: the latest block's timestamp, which is what the contracts compare listing
 * windows and deadlines with (the next block's can only be later). The wall clock can be days away from it:
 * a development chain moved forward, or a local chain whose clock stood still while it was stopped. While
 * the node does not answer, the last offset seen between the two is kept; without RPC_URL the offset is 0.
 */
@Injectable()
export class ChainClock {
  #latest: { fetchedAt: number; seconds: Promise<number> } | undefined;
  /** Chain time minus wall time at the last answer. */
  #offset = 0;

  constructor(
    @Inject(CHAIN_CLIENT) private readonly client: PublicClient | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  now(): Promise<number> {
    const at = performance.now();
    if (!this.#latest || at - this.#latest.fetchedAt >= CACHE_MS)
      this.#latest = { fetchedAt: at, seconds: this.#read() };
    return this.#latest.seconds;
  }

  async #read(): Promise<number> {
    const wallSeconds = Math.floor(Date.now() / 1000);
    if (!this.client) return wallSeconds;
    try {
      const seconds = Number((await this.client.getBlock({ blockTag: "latest" })).timestamp);
      this.#offset = seconds - wallSeconds;
      return seconds;
    } catch (error) {
      this.logger.warn(
        { err: error, offset_seconds: this.#offset },
        "the latest block could not be read; the chain's time is the wall clock plus the last offset seen",
      );
    }
    return wallSeconds + this.#offset;
  }
}
