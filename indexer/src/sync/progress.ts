import cliProgress from "cli-progress";
import type { Logger } from "pino";

export interface BatchProgress {
  /** First and last block of the committed batch. */
  from: number;
  to: number;
  head: number;
  events: number;
  /** Events per second of this batch. */
  eventsPerSec: number;
  /** eth_getLogs span in use. */
  span: number;
}

/**
 * Backfill progress: on a TTY a bar (blocks done / total, events/s, ETA) on stderr; otherwise one
 * structured log line per second (and one at the head). Rates and ETA are averaged from the first batch.
 */
export class ProgressReporter {
  readonly #logger: Logger;
  readonly #stream: NodeJS.WriteStream;
  #bar: cliProgress.SingleBar | undefined;
  #start: { block: number; at: number; events: number } | undefined;
  #events = 0;
  #lastLog = 0;

  constructor(logger: Logger, stream: NodeJS.WriteStream = process.stderr) {
    this.#logger = logger;
    this.#stream = stream;
  }

  get #tty(): boolean {
    return this.#stream.isTTY === true;
  }

  update(batch: BatchProgress): void {
    const now = performance.now();
    this.#start ??= { block: batch.from - 1, at: now, events: 0 };
    this.#events += batch.events;
    const seconds = Math.max(0.001, (now - this.#start.at) / 1000);
    const done = batch.to - this.#start.block;
    const total = batch.head - this.#start.block;
    const eventsPerSec = Math.round(this.#events / seconds);
    const etaSeconds = batch.to >= batch.head ? 0 : Math.round(((batch.head - batch.to) * seconds) / Math.max(1, done));
    if (this.#tty && (this.#bar || batch.to < batch.head)) {
      this.#bar ??= this.#createBar(total);
      this.#bar.setTotal(total);
      this.#bar.update(done, { eventsPerSec, remaining: formatDuration(etaSeconds), events: this.#events });
      if (batch.to >= batch.head) this.stop();
      return;
    }
    const at = Date.now();
    if (batch.to >= batch.head) this.stop(); // the next backfill (after a pause or reorg) measures afresh
    if (at - this.#lastLog < 1_000 && batch.to < batch.head) return;
    this.#lastLog = at;
    this.#logger.info(
      {
        from_block: batch.from,
        to_block: batch.to,
        head: batch.head,
        blocks_behind: batch.head - batch.to,
        events: batch.events,
        events_per_sec: batch.eventsPerSec,
        span: batch.span,
        eta_s: etaSeconds,
      },
      batch.to >= batch.head ? "at head" : "backfilling",
    );
  }

  /** Ends the bar (at the head, or when the indexer stops). */
  stop(): void {
    this.#bar?.stop();
    this.#bar = undefined;
    this.#start = undefined;
    this.#events = 0;
  }

  #createBar(total: number): cliProgress.SingleBar {
    const bar = new cliProgress.SingleBar(
      {
        stream: this.#stream,
        format:
          "backfill [{bar}] {percentage}% | {value}/{total} blocks | {events} events | " +
          "{eventsPerSec} ev/s | ETA {remaining}",
        hideCursor: true,
        clearOnComplete: false,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { eventsPerSec: 0, remaining: "?", events: 0 });
    return bar;
  }
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(seconds / 3_600)}h${String(Math.floor((seconds % 3_600) / 60)).padStart(2, "0")}m`;
}
