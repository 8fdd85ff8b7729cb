const RPC_TIMEOUT_MS = 5_000;
const MAX_CACHED = 100_000;

/**
 * Timestamps of blocks (unix seconds), read with one batched `eth_getBlockByNumber` JSON-RPC call per
 * lookup and cached (the indexed tables keep block numbers, not times). Without an RPC URL, or when
 * the node does not answer, times are unknown (absent from the map).
 */
export class BlockTimes {
  readonly #cache = new Map<number, number>();

  constructor(private readonly rpcUrl: string | undefined) {}

  async of(blocks: readonly number[]): Promise<Map<number, number>> {
    const missing = [...new Set(blocks)].filter((block) => !this.#cache.has(block));
    if (missing.length > 0 && this.rpcUrl) {
      try {
        const response = await fetch(this.rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(missing.map((block, id) => ({ jsonrpc: "2.0", id, method: "eth_getBlockByNumber", params: [`0x${block.toString(16)}`, false] }))),
          signal: AbortSignal.timeout(RPC_TIMEOUT_MS),
        });
        const answers = (await response.json()) as { id: number; result?: { timestamp?: string } | null }[];
        if (this.#cache.size + missing.length > MAX_CACHED) this.#cache.clear();
        for (const answer of Array.isArray(answers) ? answers : []) {
          const timestamp = answer.result?.timestamp;
          if (timestamp) this.#cache.set(missing[answer.id], Number(BigInt(timestamp)));
        }
      } catch {
        // Unknown times: the document still lists the events, with the epoch as eventTime.
      }
    }
    return new Map(blocks.flatMap((block) => (this.#cache.has(block) ? [[block, this.#cache.get(block)!] as const] : [])));
  }
}
