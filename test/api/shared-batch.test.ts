import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { setImmediate as nextTurn } from "node:timers/promises";
import { sharedBatch } from "../../api/dist/common/shared-batch.js";

/** A batch function that records each batch it is given and answers `key × 10`, or fails on "bad". */
function recording() {
  const batches: number[][] = [];
  const loader = sharedBatch(async (keys: readonly number[]) => {
    batches.push([...keys]);
    if (keys.includes(-1)) throw new Error("the database refused the batch");
    return keys.map((key) => key * 10);
  });
  return { batches, loader };
}

describe("batches shared by the requests in flight", () => {
  it("sends the keys of every caller in one turn as one batch, each key once, and answers each", async () => {
    const { batches, loader } = recording();
    const first = Promise.all([1, 2, 3].map((key) => loader.load(key)));
    const second = Promise.all([3, 4].map((key) => loader.load(key)));
    assert.deepEqual(await Promise.all([first, second]), [
      [10, 20, 30],
      [30, 40],
    ]);
    assert.deepEqual(batches, [[1, 2, 3, 4]]);
  });

  it("keeps nothing: a key asked again in a later turn is read again", async () => {
    const { batches, loader } = recording();
    assert.equal(await loader.load(7), 70);
    await nextTurn();
    assert.equal(await loader.load(7), 70);
    assert.deepEqual(batches, [[7], [7]]);
  });

  it("fails every caller of a failed batch, and the next batch runs afresh", async () => {
    const { batches, loader } = recording();
    const results = await Promise.allSettled([loader.load(-1), loader.load(5)]);
    assert.deepEqual(
      results.map((result) => result.status),
      ["rejected", "rejected"],
    );
    assert.match(String((results[0] as PromiseRejectedResult).reason), /refused the batch/);
    assert.equal(await loader.load(5), 50);
    assert.deepEqual(batches, [[-1, 5], [5]]);
  });
});
