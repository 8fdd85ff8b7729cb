import type { Logger } from "pino";

export interface HeadWatcherOptions {
  /** First reconnect delay; doubles on every failed attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * An `eth_subscribe("newHeads")` over a WebSocket (Node's built-in client), used only to wake the
 * follow loop as soon as a block is announced. Polling stays the source of truth: `wait` always returns
 * by its timeout, so a dropped socket costs latency, never progress. A closed socket is reopened with
 * exponential back-off until `close()`.
 */
export class HeadWatcher {
  readonly #url: string;
  readonly #logger: Logger;
  readonly #backoffMs: number;
  readonly #maxBackoffMs: number;
  #socket: WebSocket | undefined;
  #connected = false;
  #closed = false;
  #failures = 0;
  #reconnect: NodeJS.Timeout | undefined;
  #waiters = new Set<() => void>();
  #announced = false;
  /** Heads announced over the socket since start. */
  heads = 0;
  /** Connections opened (first one included). */
  connections = 0;

  constructor(url: string, logger: Logger, options: HeadWatcherOptions = {}) {
    this.#url = url;
    this.#logger = logger;
    this.#backoffMs = options.backoffMs ?? 500;
    this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.#open();
  }

  /** Follow loops waiting for the next head now. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /** True while a subscription is live. */
  get connected(): boolean {
    return this.#connected;
  }

  /**
   * Resolves at the next announced head (at once if one came since the last call), after `timeoutMs`
   * (the polling fallback), or when `signal` aborts.
   */
  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.#announced || signal.aborted) {
      this.#announced = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.#waiters.delete(done);
        this.#announced = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener("abort", done, { once: true });
      this.#waiters.add(done);
    });
  }

  /** Drops the current socket (as a network fault would); the watcher reconnects with back-off. */
  drop(): void {
    this.#socket?.close();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#reconnect);
    this.#socket?.close();
    for (const waiter of [...this.#waiters]) waiter();
  }

  #open(): void {
    if (this.#closed) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.#url);
    } catch (error) {
      this.#logger.warn({ err: error, url: this.#url }, "head subscription: bad WebSocket URL; polling only");
      this.#closed = true;
      return;
    }
    this.#socket = socket;
    socket.addEventListener("open", () => {
      socket.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_subscribe", params: ["newHeads"] }));
    });
    socket.addEventListener("message", (message) => {
      let body: { id?: number; result?: unknown; error?: { message: string }; method?: string };
      try {
        body = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (body.id === 1) {
        if (body.error) {
          this.#logger.warn({ url: this.#url, error: body.error.message }, "head subscription refused; polling only");
          this.#closed = true;
          socket.close();
          return;
        }
        this.#connected = true;
        this.#failures = 0;
        this.connections++;
        this.#logger.info({ url: this.#url }, "head subscription live");
      } else if (body.method === "eth_subscription") {
        this.heads++;
        this.#announce();
      }
    });
    // Node's WebSocket reports a failed connection with "error" alone (no "close"): either ends this socket.
    let ended = false;
    const lost = () => {
      if (ended) return;
      ended = true;
      const wasConnected = this.#connected;
      this.#connected = false;
      if (this.#socket === socket) this.#socket = undefined;
      if (socket.readyState !== WebSocket.CLOSED) socket.close();
      if (this.#closed) return;
      const delay = Math.min(this.#maxBackoffMs, this.#backoffMs * 2 ** Math.min(16, this.#failures++));
      (wasConnected ? this.#logger.warn : this.#logger.debug).call(
        this.#logger,
        { url: this.#url, retry_in_ms: delay },
        "head subscription lost; polling until it reconnects",
      );
      this.#reconnect = setTimeout(() => this.#open(), delay);
      this.#announce(); // let the loop poll now rather than wait for the timeout
    };
    socket.addEventListener("error", lost);
    socket.addEventListener("close", lost);
  }

  #announce(): void {
    if (this.#waiters.size === 0) {
      this.#announced = true;
      return;
    }
    for (const waiter of [...this.#waiters]) waiter();
  }
}
