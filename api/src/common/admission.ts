/**
 * At most `limit` holders at once; the others wait, first come first served. The GraphQL route admits this many
 * requests to execution at a time: past that the CPU is busy anyway, and work queued here waits outside the event
 * loop's turns, so /health, a subscription's push or an admitted request is not stuck behind a loop iteration that
 * runs fifty requests' resolvers.
 */
export class Admission {
  readonly #limit: number;
  readonly #waiting: (() => void)[] = [];
  #active = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Resolves when the caller may go ahead; it must call `leave()` once done. */
  enter(): Promise<void> {
    if (this.#active < this.#limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((admitted) => this.#waiting.push(admitted));
  }

  leave(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }

  get waiting(): number {
    return this.#waiting.length;
  }
}
