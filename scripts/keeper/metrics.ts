import { prometheusText } from "../../indexer/src/sync/metrics.ts";

/** Counters the keeper updates and /metrics exposes. */
export class KeeperMetrics {
  /** The chain's time the last round judged deadlines by. */
  chainTime = 0;
  /** Orders past their deadline in the index at the last round (those skipped after a failure included). */
  due = 0;
  /** Calls mined successfully. */
  sent = 0;
  /** Calls that reverted, in the gas estimate or on chain, or were not mined in time. */
  failed = 0;
  /** Network faults and node errors, retried with back-off. */
  faults = 0;
  rounds = 0;

  /** Prometheus text exposition. */
  render(): string {
    return prometheusText([
      ["keeper_chain_time_seconds", "gauge", this.chainTime],
      ["keeper_due_orders", "gauge", this.due],
      ["keeper_sent_total", "counter", this.sent],
      ["keeper_failed_total", "counter", this.failed],
      ["keeper_faults_total", "counter", this.faults],
      ["keeper_rounds_total", "counter", this.rounds],
    ]);
  }
}
