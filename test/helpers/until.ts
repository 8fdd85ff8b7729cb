import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";

/** Polls `read` until `ok` holds (what a test waits for comes a moment later, e.g. through the indexer). */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await sleep(150);
  }
}
