import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { GenerationCache } from "../../api/src/common/generation-cache.ts";

describe("GenerationCache: values kept while the index's generation stands still", () => {
  it("answers from the generation a value was read in, and from no other", () => {
    const cache = new GenerationCache<string, number>(10);
    cache.remember(1, 1, "a", 10);
    assert.equal(cache.get(1, "a"), 10);
    assert.equal(cache.get(2, "a"), undefined, "a change moved the generation: the value may be stale");
    assert.equal(cache.get(1, "a"), undefined, "and it is gone, not kept for an older generation");
  });

  it("drops a value whose read a change overtook", () => {
    const cache = new GenerationCache<string, number>(10);
    cache.remember(3, 4, "a", 10);
    assert.equal(cache.get(4, "a"), undefined);
    assert.equal(cache.size, 0);
  });

  it("holds at most its capacity, forgetting the oldest first", () => {
    const cache = new GenerationCache<string, number>(2);
    for (const [i, key] of ["a", "b", "c"].entries()) cache.remember(0, 0, key, i);
    assert.deepEqual(
      ["a", "b", "c"].map((key) => cache.get(0, key)),
      [undefined, 1, 2],
    );
  });
});
