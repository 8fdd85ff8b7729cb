const DAY_MS = 24 * 3600 * 1000;
/** Past this many accounts, windows that ended are dropped at the next new window. */
const PRUNE_ABOVE = 10_000;

/**
 * The bytes each account may upload per day (a window from its first upload), counted in this process's memory: each
 * API replica keeps its own count.
 */
export class UploadQuota {
  readonly bytesPerDay: number;
  readonly #now: () => number;
  readonly #used = new Map<string, { since: number; bytes: number }>();

  constructor(bytesPerDay: number, now: () => number = Date.now) {
    this.bytesPerDay = bytesPerDay;
    this.#now = now;
  }

  /** Charges `bytes` to `account` and returns 0, or, when they do not fit, the seconds until its window restarts. */
  take(account: string, bytes: number): number {
    const now = this.#now();
    let window = this.#used.get(account);
    if (window === undefined || now - window.since >= DAY_MS) {
      if (this.#used.size > PRUNE_ABOVE) this.#prune(now);
      window = { since: now, bytes: 0 };
      this.#used.set(account, window);
    }
    if (window.bytes + bytes > this.bytesPerDay) return Math.max(1, Math.ceil((window.since + DAY_MS - now) / 1000));
    window.bytes += bytes;
    return 0;
  }

  #prune(now: number): void {
    for (const [account, window] of this.#used) if (now - window.since >= DAY_MS) this.#used.delete(account);
  }
}
