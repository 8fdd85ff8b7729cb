/** Counters the sync loop updates and /metrics exposes. */
export class SyncMetrics {
  head = 0;
  cursor = 0;
  events = 0;
  batches = 0;
  reorgs = 0;
  rolledBackRows = 0;
  rpcErrors = 0;
  eventsPerSecond = 0;

  get blocksBehind(): number {
    return Math.max(0, this.head - this.cursor);
  }

  /** Prometheus text exposition. */
  render(): string {
    return prometheusText([
      ["indexer_head_block", "gauge", this.head],
      ["indexer_cursor_block", "gauge", this.cursor],
      ["indexer_blocks_behind", "gauge", this.blocksBehind],
      ["indexer_events_total", "counter", this.events],
      ["indexer_batches_total", "counter", this.batches],
      ["indexer_reorgs_total", "counter", this.reorgs],
      ["indexer_rpc_errors_total", "counter", this.rpcErrors],
      ["indexer_events_per_second", "gauge", this.eventsPerSecond],
    ]);
  }
}

/** Prometheus text exposition of `[name, type, value]` samples. */
export function prometheusText(samples: [name: string, type: "gauge" | "counter", value: number][]): string {
  return `${samples.map(([name, type, value]) => `# TYPE ${name} ${type}\n${name} ${value}`).join("\n")}\n`;
}
