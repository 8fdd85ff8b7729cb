import { describe, expect, it } from "vitest";
import { custodyChain, handOffs } from "./custody.ts";
import { packedWindows } from "./timeline.ts";
import { BUYER, CARRIER, GREEN, link, MERCHANT, shipment, SHIPMENT, trace } from "./trace-fixture.ts";

describe("the custody chain", () => {
  it("follows the container's hand-offs while the item travelled in it", () => {
    expect(
      custodyChain(trace, [shipment]).map((transfer) => [
        transfer.blockNumber,
        transfer.stage,
        transfer.to,
        transfer.via,
      ]),
    ).toEqual([
      [8, "initiated", CARRIER, SHIPMENT],
      [9, "accepted", CARRIER, SHIPMENT],
      [11, "initiated", BUYER, SHIPMENT],
      [11, "accepted", BUYER, SHIPMENT],
    ]);
  });

  it("keeps a window open while the item is still packed", () => {
    expect(packedWindows([link(7, "aggregated")], SHIPMENT)).toEqual([[7, Infinity]]);
    expect(packedWindows([link(7, "aggregated"), link(9, "disaggregated"), link(20, "aggregated")], SHIPMENT)).toEqual([
      [7, 9],
      [20, Infinity],
    ]);
    expect(packedWindows([link(7, "aggregated")], GREEN)).toEqual([]);
  });
});

describe("hand-offs", () => {
  it("pairs each acceptance with its start, and keeps a start nobody accepted as pending", () => {
    const pairs = handOffs(
      custodyChain(trace, [
        { ...shipment, custody: [...shipment.custody.slice(0, 4), { ...shipment.custody[4], blockNumber: 12 }] },
      ]),
    );
    expect(
      pairs.map((handOff) => [handOff.from, handOff.to, handOff.initiated?.blockNumber, handOff.accepted?.blockNumber]),
    ).toEqual([
      [MERCHANT, CARRIER, 8, 9],
      [CARRIER, BUYER, 11, 11],
      [BUYER, MERCHANT, 12, undefined],
    ]);
  });
});
