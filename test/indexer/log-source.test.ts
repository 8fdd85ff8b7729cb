import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LogRangeTooLargeError } from "../../indexer/src/errors.ts";
import { LogSource } from "../../indexer/src/sync/log-source.ts";
import type { RawLog, RpcClient } from "../../indexer/src/sync/rpc.ts";

/** An RPC whose eth_getLogs answers one log per block and records the ranges asked for. */
function countingRpc() {
  const asked: [number, number][] = [];
  const rpc = {
    async logs(_addresses: unknown, from: number, to: number): Promise<RawLog[]> {
      asked.push([from, to]);
      return Array.from(
        { length: to - from + 1 },
        (_, i) => ({ blockNumber: `0x${(from + i).toString(16)}` }) as RawLog,
      );
    },
  } as unknown as RpcClient;
  return { rpc, asked };
}

/** Streams the range starting at `from`: its last block and the block numbers of its logs, in order. */
async function streamAll(source: LogSource, from: number, limit: number) {
  const { to, pieces } = await source.stream(from, limit);
  const blocks: number[] = [];
  for await (const logs of pieces) blocks.push(...logs.map((log) => Number(log.blockNumber)));
  return { to, blocks };
}

const blocks = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("log source", () => {
  it("streams a range in pieces of consecutive blocks, splitting a piece the node refuses", async () => {
    const { rpc, asked } = countingRpc();
    const logs = rpc.logs.bind(rpc);
    rpc.logs = async (addresses, from, to) =>
      to - from >= 3 ? Promise.reject(new LogRangeTooLargeError(from, to)) : logs(addresses, from, to);
    const source = new LogSource(rpc, [], { initialSpan: 32, maxSpan: 32, targetLogs: 1_000 });
    assert.deepEqual(await streamAll(source, 1, 100), { to: 32, blocks: blocks(1, 32) });
    assert.deepEqual(
      asked.flatMap(([a, b]) => blocks(a, b)),
      blocks(1, 32),
      "every block asked once, in order",
    );
    assert.ok(
      asked.every(([a, b]) => b - a < 3),
      "no request larger than the node allows",
    );
  });

  it("serves a range fetched ahead to the step that starts there, and fetches afresh for any other start", async () => {
    const { rpc, asked } = countingRpc();
    const source = new LogSource(rpc, [], { initialSpan: 10, maxSpan: 10, targetLogs: 1_000 });
    const first = await streamAll(source, 1, 100);
    assert.deepEqual(first, { to: 10, blocks: blocks(1, 10) });
    source.prefetch(first.to + 1, 100);
    const requests = asked.length;
    assert.deepEqual(await streamAll(source, 11, 100), { to: 20, blocks: blocks(11, 20) });
    assert.deepEqual(asked.slice(requests - 1), [[11, 20]], "the range ahead was asked once, whole, and not again");

    source.prefetch(21, 100);
    const rolledBack = await streamAll(source, 5, 100); // a reorg moved the cursor back
    assert.deepEqual(rolledBack, { to: 14, blocks: blocks(5, 14) });
    assert.deepEqual(
      await streamAll(source, 21, 100),
      { to: 30, blocks: blocks(21, 30) },
      "a discarded range ahead is not served later",
    );
    assert.equal(asked.filter(([from]) => from === 21).length, 2);
  });

  it("fetches again when the range ahead failed or reaches past the new limit", async () => {
    const { rpc, asked } = countingRpc();
    let failing = true;
    const logs = rpc.logs.bind(rpc);
    rpc.logs = async (...args) => (failing ? Promise.reject(new Error("dropped")) : logs(...args));
    const source = new LogSource(rpc, [], { initialSpan: 10, maxSpan: 10, targetLogs: 1_000 });
    source.prefetch(1, 100);
    failing = false;
    assert.deepEqual(await streamAll(source, 1, 100), { to: 10, blocks: blocks(1, 10) });
    source.prefetch(11, 100);
    const requests = asked.length;
    assert.deepEqual(
      await streamAll(source, 11, 15),
      { to: 15, blocks: blocks(11, 15) },
      "the head is now lower: no logs past it",
    );
    assert.deepEqual(asked[requests - 1], [11, 20]);
    assert.ok(asked.slice(requests).every(([, to]) => to <= 15));
  });
});
