import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ExecutionResult } from "graphql";
import { ResponseStore, Sightings } from "../../api/src/common/response-store.ts";

const response = (name: string): ExecutionResult => ({ data: { name } });
const nameIn = (result: ExecutionResult | null) => (result?.data as { name: string } | undefined)?.name ?? null;

describe("ResponseStore: responses by key, evicted by entity, the least recently used forgotten for room", () => {
  it("answers what it stores and forgets the least recently used, counting an answer as a use", () => {
    const store = new ResponseStore(2);
    store.set("a", response("A"), [], Infinity);
    store.set("b", response("B"), [], Infinity);
    assert.equal(nameIn(store.get("a")), "A"); // b is now the least recently used
    store.set("c", response("C"), [], Infinity);
    assert.deepEqual(
      ["a", "b", "c"].map((key) => nameIn(store.get(key))),
      ["A", null, "C"],
    );
    assert.equal(store.size, 2);
  });

  it("evicts the responses showing an entity, or every response filed under a type, and only those", () => {
    const store = new ResponseStore(10);
    store.set("page-1", response("1"), [{ typename: "Listing", id: "0x1" }], Infinity);
    store.set("page-2", response("2"), [{ typename: "Listing", id: "0x2" }], Infinity);
    store.set("merchant", response("m"), [{ typename: "Merchant", id: "0xm" }], Infinity);
    store.invalidate([{ typename: "Listing", id: "0x1" }]);
    assert.deepEqual(
      ["page-1", "page-2", "merchant"].map((key) => store.has(key)),
      [false, true, true],
    );
    store.invalidate([{ typename: "Listing" }]);
    assert.deepEqual(
      ["page-2", "merchant"].map((key) => store.has(key)),
      [false, true],
    );
    // A key stored again is filed under its new entities only.
    store.set("merchant", response("m2"), [{ typename: "Review" }], Infinity);
    store.invalidate([{ typename: "Merchant", id: "0xm" }]);
    assert.equal(nameIn(store.get("merchant")), "m2");
    store.invalidate([{ typename: "Review" }]);
    assert.equal(store.size, 0);
  });

  it("files a response under nothing once it is forgotten, for room or by clear()", () => {
    const store = new ResponseStore(1);
    store.set("a", response("A"), [{ typename: "Listing", id: "0x1" }], Infinity);
    assert.equal(store.filedEntities, 2, "Listing and Listing:0x1");
    store.set("b", response("B"), [{ typename: "Merchant", id: 7 }], Infinity);
    assert.deepEqual([store.has("a"), store.filedEntities], [false, 2]);
    store.invalidate([{ typename: "Merchant", id: 7 }]);
    assert.deepEqual([store.size, store.filedEntities], [0, 0]);
    store.set("c", response("C"), [{ typename: "Review" }], Infinity);
    store.clear();
    assert.deepEqual([store.size, store.filedEntities, store.has("c")], [0, 0, false]);
  });

  it("forgets a response past its time to live", async () => {
    const store = new ResponseStore(10);
    store.set("short", response("S"), [], 5);
    store.set("long", response("L"), [], 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual([store.has("short"), nameIn(store.get("short")), nameIn(store.get("long"))], [false, null, "L"]);
  });

  it("when full, admits only a request seen more often than the least recently used response's", () => {
    const store = new ResponseStore(2);
    const seen = new Map([
      ["a", 3],
      ["b", 2],
    ]);
    const seenOf = (key: string) => seen.get(key) ?? 0;
    assert.equal(store.admits(1, seenOf), true, "room left: anything is stored");
    store.set("a", response("A"), [], Infinity);
    store.set("b", response("B"), [], Infinity);
    store.get("b"); // a is now the least recently used, seen 3 times
    assert.equal(store.admits(3, seenOf), false);
    assert.equal(store.admits(4, seenOf), true);
    store.get("a"); // now b, seen twice
    assert.equal(store.admits(2, seenOf), false);
    assert.equal(store.admits(3, seenOf), true);
    store.invalidate([{ typename: "Listing" }]); // files nothing: still full
    assert.equal(store.admits(2, seenOf), false);
    store.clear();
    assert.deepEqual([store.size, store.admits(1, seenOf)], [0, true]);
  });

  it("when full, lets an expired response make room instead of competing", async () => {
    const store = new ResponseStore(1);
    store.set("popular-once", response("P"), [], 5);
    const seenOf = (key: string) => (key === "popular-once" ? 50 : 0);
    assert.equal(store.admits(2, seenOf), false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual([store.admits(2, seenOf), store.size], [true, 0]);
  });
});

describe("Sightings: how often each recent key was seen", () => {
  it("counts sightings and forgets the key seen longest ago past its capacity", () => {
    const sightings = new Sightings(1_000);
    assert.deepEqual([sightings.see("a"), sightings.see("a"), sightings.see("b")], [1, 2, 1]);
    assert.deepEqual([sightings.count("a"), sightings.count("b"), sightings.count("c")], [2, 1, 0]);
    const small = new Sightings(3);
    for (const key of ["a", "a", "b", "c"]) small.see(key);
    assert.equal(small.count("a"), 1, "seen twice, halved once (4 sightings of a capacity of 3)");
    small.see("d");
    assert.equal(small.count("a"), 0, "forgotten for room");
  });

  it("halves every count each time `capacity` more sightings have passed", () => {
    const sightings = new Sightings(100);
    for (let i = 0; i < 40; i++) sightings.see("hot");
    for (let i = 0; i < 60; i++) sightings.see(`cold-${i % 10}`);
    assert.equal(sightings.count("hot"), 20, "100 sightings: halved once");
    for (let i = 0; i < 100; i++) sightings.see(`cold-${i % 10}`);
    assert.equal(sightings.count("hot"), 10, "200: twice");
    assert.equal(sightings.see("hot"), 11);
  });
});
