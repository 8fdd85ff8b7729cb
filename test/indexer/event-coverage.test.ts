import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ABIS, CONTRACT_NAMES } from "../../sdk/contracts.ts";
import { handlerOf } from "../../indexer/src/handlers/index.ts";
import { NOT_INDEXED } from "../../indexer/src/handlers/not-indexed.ts";

// Decoding keeps only the events with a handler, so an event left out of both lists would silently go unindexed.
describe("indexer event coverage", () => {
  for (const contract of CONTRACT_NAMES) {
    const events = ABIS[contract].flatMap((item) => (item.type === "event" ? [item.name] : []));
    const skipped: Readonly<Record<string, string | undefined>> = NOT_INDEXED[contract];

    it(`handles every ${contract} event or says why it is not indexed`, () => {
      const unaccounted = events.filter((name) => !handlerOf(contract, name) && !skipped[name]);
      assert.deepEqual(unaccounted, [], `${contract} events with neither a handler nor a NOT_INDEXED reason`);
    });

    it(`does not both handle and skip a ${contract} event`, () => {
      assert.deepEqual(
        events.filter((name) => handlerOf(contract, name) && skipped[name]),
        [],
      );
    });
  }
});
