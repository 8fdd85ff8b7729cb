import { describe, expect, it } from "vitest";
import { describeBizStep, describeDisposition, describeEpc, describeLocation } from "./vocabulary.ts";

describe("CBV and EPC identifiers in plain words", () => {
  it("names business steps from URNs and GS1 web URIs, and words unknown ones", () => {
    expect(describeBizStep("urn:epcglobal:cbv:bizstep:commissioning")).toBe("Created at origin");
    expect(describeBizStep("https://ref.gs1.org/cbv/BizStep-departing")).toBe("Departed");
    expect(describeBizStep("urn:epcglobal:cbv:bizstep:cycle_counting")).toBe("Cycle counting");
  });

  it("names dispositions in lower case, to follow a step", () => {
    expect(describeDisposition("urn:epcglobal:cbv:disp:in_transit")).toBe("in transit");
    expect(describeDisposition("urn:epcglobal:cbv:disp:non_sellable_other")).toBe("non sellable other");
  });

  it("reads the place out of an SGLN and leaves other locations as written", () => {
    expect(describeLocation("urn:epc:id:sgln:0614141.00002.INNSBRUCK")).toBe("INNSBRUCK (site 0614141.00002)");
    expect(describeLocation("urn:epc:id:sgln:4012345.00010.0")).toBe("site 4012345.00010");
    expect(describeLocation("Warehouse 7, Rotterdam")).toBe("Warehouse 7, Rotterdam");
  });

  it("shortens EPCs to their scheme and last part: lot, serial or shipment number", () => {
    expect(describeEpc("urn:epc:id:lgtin:0614141.107347.ROAST-2026-11")).toBe("Lot ROAST-2026-11");
    expect(describeEpc("urn:epc:id:sscc:0614141.1234567890")).toBe("Shipment 1234567890");
    expect(describeEpc("urn:epc:id:sgtin:0614141.112345.400")).toBe("Item 400");
    expect(describeEpc("my-own-id")).toBe("my-own-id");
  });
});
