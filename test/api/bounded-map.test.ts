import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BoundedMap } from "../../api/src/common/bounded-map.ts";

describe("BoundedMap: at most `capacity` entries, the oldest forgotten first", () => {
  it("forgets the entry set longest ago, counting a key set again as new, and tells of it", () => {
    const evicted: string[] = [];
    const map = new BoundedMap<string, number>(2, (key) => evicted.push(key));
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 3); // a is now the newest
    map.set("c", 4);
    assert.deepEqual([map.get("a"), map.get("b"), map.get("c"), map.size], [3, undefined, 4, 2]);
    map.delete("a");
    map.set("d", 5);
    map.set("e", 6);
    assert.deepEqual(evicted, ["b", "c"], "a deleted key is not evicted again");
    assert.deepEqual(
      ["c", "d", "e"].map((key) => map.has(key)),
      [false, true, true],
    );
  });

  it("names the key it would forget next, past keys set again or deleted", () => {
    const map = new BoundedMap<string, number>(3);
    assert.equal(map.oldestKey(), undefined);
    for (const key of ["a", "b", "c"]) map.set(key, 0);
    map.set("a", 1);
    map.delete("b");
    assert.equal(map.oldestKey(), "c");
    map.set("d", 0);
    map.set("e", 0); // over capacity: c goes
    assert.deepEqual([map.oldestKey(), map.has("c")], ["a", false]);
    map.clear();
    assert.equal(map.oldestKey(), undefined);
  });

  it("keeps the order through many sets again, deletions and clears (its slots compacted)", () => {
    const map = new BoundedMap<number, number>(100);
    // Reference: the last 100 distinct keys set, by when each was last set.
    const reference = new Map<number, number>();
    let random = 7;
    for (let i = 0; i < 50_000; i++) {
      random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
      const key = random % 300;
      if (i % 7 === 0) {
        map.delete(key);
        reference.delete(key);
      } else {
        map.set(key, i);
        reference.delete(key);
        reference.set(key, i);
        if (reference.size > 100) reference.delete(reference.keys().next().value!);
      }
      if (i === 25_000) {
        map.clear();
        reference.clear();
      }
    }
    assert.equal(map.size, reference.size);
    for (const [key, value] of reference) assert.equal(map.get(key), value, `key ${key}`);
  });
});
