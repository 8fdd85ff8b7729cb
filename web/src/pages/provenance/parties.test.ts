import { describe, expect, it } from "vitest";
import { shortAddress } from "../../lib/format.ts";
import { partyNamer } from "./parties.ts";
import { buildTimeline } from "./timeline.ts";
import { BUYER, CARRIER, MERCHANT, name, shipment, trace } from "./trace-fixture.ts";

describe("naming the parties of a trace", () => {
  const partyName = partyNamer([...trace.parties, ...shipment.parties]);

  it("names a merchant by its profile, a role holder by its roles, anyone else by the short address", () => {
    expect(partyName(MERCHANT)).toBe(`Alpine Coffee Roasters (${shortAddress(MERCHANT)})`);
    expect(partyName(CARRIER)).toBe(`Carrier (${shortAddress(CARRIER)})`);
    expect(partyName(BUYER)).toBe(shortAddress(BUYER));
  });

  it("lends a profile's name only to an approved merchant: anyone may apply under any name", () => {
    const applicant = partyNamer([
      { address: BUYER, merchant: { status: "Applied", profile: { name: "Alpine Coffee Roasters" } }, roles: [] },
    ]);
    expect(applicant(BUYER)).toBe(shortAddress(BUYER));
    const issuer = partyNamer([
      {
        address: BUYER,
        merchant: { status: "Suspended", profile: { name: "Fake" } },
        roles: [{ label: "MERCHANT_ISSUER" }],
      },
    ]);
    expect(issuer(BUYER)).toBe(`Merchant issuer (${shortAddress(BUYER)})`);
  });

  it("matches addresses whatever their case", () => {
    expect(partyName(MERCHANT.toUpperCase().replace("0X", "0x") as typeof MERCHANT)).toContain(
      "Alpine Coffee Roasters",
    );
  });

  it("says who handed the item to whom in the timeline", () => {
    const handOffs = buildTimeline(trace, [shipment], name, partyName).filter(
      (entry) => entry.title === "Hand-off accepted",
    );
    expect(handOffs[0].details).toEqual([
      `From Alpine Coffee Roasters (${shortAddress(MERCHANT)}) to Carrier (${shortAddress(CARRIER)})`,
    ]);
  });
});
