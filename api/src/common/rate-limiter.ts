/**
 * Fixed-window request counter per key (client IP, or session token): in memory, so each replica
 * limits on its own; put a shared limiter in the load balancer for a global limit.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  #windowStart = 0;
  #counts = new Map<string, number>();

  constructor(limitPerWindow: number, windowMs = 60_000) {
    this.#limit = limitPerWindow;
    this.#windowMs = windowMs;
  }

  /** Counts one request for each key; returns the seconds to wait when any key is over its limit, else 0. */
  take(keys: readonly string[], now = Date.now()): number {
    if (now - this.#windowStart >= this.#windowMs) {
      this.#windowStart = now - ((now - this.#windowStart) % this.#windowMs);
      this.#counts = new Map();
    }
    let over = false;
    for (const key of keys) {
      const count = (this.#counts.get(key) ?? 0) + 1;
      this.#counts.set(key, count);
      over ||= count > this.#limit;
    }
    return over ? Math.ceil((this.#windowStart + this.#windowMs - now) / 1000) : 0;
  }
}
