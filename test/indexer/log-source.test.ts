import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LogSource } from "../../indexer/src/sync/log-source.ts";
import type { RawLog, RpcClient } from "../../indexer/src/sync/rpc.ts";

/** An RPC whose eth_getLogs answers one log per block and records the ranges asked for. */
function countingRpc() {
  const asked: [number, number][] = [];
  const rpc = {
    async logs(_addresses: unknown, from: number, to: number): Promise<RawLog[]> {
      asked.push([from, to]);
      return Array.from({ length: to - from + 1 }, (_, i) => ({ blockNumber: `0x${(from + i).toString(16)}` }) as RawLog);
    },
  } as unknown as RpcClient;
  return { rpc, asked };
}

describe("log source", () => {
  it("serves a range fetched ahead to the step that starts there, and fetches afresh for any other start", async () => {
    const { rpc, asked } = countingRpc();
    const source = new LogSource(rpc, [], { initialSpan: 10, maxSpan: 10, targetLogs: 1_000 });
    const first = await source.fetch(1, 100);
    source.prefetch(first.to + 1, 100);
    assert.deepEqual((await source.fetch(11, 100)).to, 20);
    assert.deepEqual(asked, [[1, 10], [11, 20]], "the range ahead was not fetched twice");

    source.prefetch(21, 100);
    const rolledBack = await source.fetch(5, 100); // a reorg moved the cursor back
    assert.equal(rolledBack.to, 14);
    assert.equal((await source.fetch(21, 100)).to, 30, "a discarded range ahead is not served later");
    assert.deepEqual(asked.slice(2), [[21, 30], [5, 14], [21, 30]]);
  });

  it("fetches again when the range ahead failed or reaches past the new limit", async () => {
    const { rpc, asked } = countingRpc();
    let failing = true;
    const logs = rpc.logs.bind(rpc);
    rpc.logs = async (...args) => (failing ? Promise.reject(new Error("dropped")) : logs(...args));
    const source = new LogSource(rpc, [], { initialSpan: 10, maxSpan: 10, targetLogs: 1_000 });
    source.prefetch(1, 100);
    failing = false;
    assert.equal((await source.fetch(1, 100)).to, 10);
    source.prefetch(11, 100);
    assert.equal((await source.fetch(11, 15)).to, 15, "the head is now lower: no logs past it");
    assert.deepEqual(asked, [[1, 10], [11, 20], [11, 15]]);
  });
});
