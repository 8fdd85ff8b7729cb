import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline.ts";
import { CARRIER, GREEN, item, MERCHANT, name, shipment, SHIPMENT, trace, tx } from "./trace-fixture.ts";

describe("the timeline of an item", () => {
  const timeline = buildTimeline(trace, [shipment], name);

  it("lists every step in chain order, with the container's steps only while the item was inside", () => {
    expect(timeline.map((entry) => [entry.blockNumber, entry.title, entry.via ? "via" : ""])).toEqual([
      [3, "Made by a transformation", ""],
      [4, "Packed", ""],
      [7, "Packed into Shipment 1234", ""],
      [8, "Hand-off started", "via"],
      [9, "Hand-off accepted", "via"],
      [10, "Departed", "via"],
      [11, "Hand-off started", "via"],
      [11, "Hand-off accepted", "via"],
      [12, "Unpacked from Shipment 1234", ""],
      [13, "Attested by an auditor", ""],
    ]);
  });

  it("puts corrections beside the event they correct, in plain words", () => {
    const packing = timeline[1];
    expect(packing.details).toEqual(["Status: in progress", "Location: WRONG (site 0614141.00002)"]);
    expect(packing.corrections.map((entry) => [entry.title, entry.details])).toEqual([
      ["Packed", ["Location: INNSBRUCK (site 0614141.00002)"]],
    ]);
    expect(timeline.filter((entry) => entry.key === "event-5")).toEqual([]);
  });

  it("names the items of a transformation and the order of a packing, the actor and the evidence", () => {
    expect(timeline[0].details).toEqual(["Lot GREEN → Lot ROAST"]);
    expect(timeline[2].details).toEqual(["For order #2"]);
    expect(timeline[4]).toMatchObject({ actor: CARRIER, txHash: tx(9), via: SHIPMENT });
    expect(timeline[5].evidenceUrl).toBe("/ipfs/evidence-10");
    expect(timeline[9].evidenceUrl).toBe("/ipfs/bafystatement");
  });

  it("shows the time an event happened only when the recorder stated one", () => {
    const stated = {
      ...trace,
      events: [
        {
          ...trace.events[1],
          eventTime: "2026-11-01T06:30:00.000Z",
          corrections: [{ ...trace.events[1].corrections[0], eventTime: null }],
        },
      ],
    };
    const [packing] = buildTimeline(stated, [], name).filter((entry) => entry.title === "Packed");
    expect(packing.eventTime).toBe("2026-11-01T06:30:00.000Z");
    expect(packing.corrections[0].eventTime).toBeNull();
  });

  it("starts with the registration of an item that was not made by a transformation", () => {
    const green = buildTimeline(
      { ...trace, item: item(GREEN, 1), madeFrom: [], events: [], containers: [], attestations: [] },
      [],
      name,
    );
    expect(green).toEqual([
      expect.objectContaining({
        title: "Registered on the ledger",
        blockNumber: 1,
        txHash: null,
        actor: MERCHANT,
        details: ["Lot GREEN"],
      }),
    ]);
  });
});
