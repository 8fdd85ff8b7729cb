import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ValidationError } from "../../sdk/errors.ts";
import { digitalLinkPath, parseDigitalLinkPath } from "../../sdk/gs1/digital-link.ts";
import { epcCandidatesOf, gs1KeyOfEpc } from "../../sdk/gs1/epc.ts";
import { gs1CheckDigit, normaliseGtin, validSscc } from "../../sdk/gs1/keys.ts";

/** `run` throws a ValidationError on `field` whose message matches `rule`. */
function refuses(run: () => unknown, field: string, rule: RegExp) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.field, field);
    assert.match(error.message, rule);
    return true;
  });
}

describe("GS1 check digits", () => {
  it("computes the mod-10 check digit of GS1's and the symbologies' published keys", () => {
    // GS1's manual check digit calculation example, GTIN-13 629104150021-3.
    assert.equal(gs1CheckDigit("629104150021"), 3);
    // EAN-8 9638507-4, UPC-A 03600029145-2, EAN-13 400638133393-1.
    assert.equal(gs1CheckDigit("9638507"), 4);
    assert.equal(gs1CheckDigit("03600029145"), 2);
    assert.equal(gs1CheckDigit("400638133393"), 1);
    // EPC Tag Data Standard examples: GTIN 8061414112345-8, SSCC 10614141234567890-8.
    assert.equal(gs1CheckDigit("8061414112345"), 8);
    assert.equal(gs1CheckDigit("10614141234567890"), 8);
  });

  it("accepts a key with its right check digit and refuses one with another, naming both", () => {
    assert.equal(validSscc("106141412345678908"), "106141412345678908");
    refuses(() => validSscc("106141412345678907"), "sscc", /check digit 7 .* must be 8/);
    refuses(() => normaliseGtin("6291041500214"), "gtin", /check digit 4 of 6291041500214 is wrong, it must be 3/);
  });
});

describe("GTIN normalisation", () => {
  it("pads GTIN-8, GTIN-12 and GTIN-13 to 14 digits and keeps a GTIN-14", () => {
    assert.equal(normaliseGtin("96385074"), "00000096385074");
    assert.equal(normaliseGtin("036000291452"), "00036000291452");
    assert.equal(normaliseGtin("9506000134352"), "09506000134352");
    assert.equal(normaliseGtin("80614141123458"), "80614141123458");
  });

  it("refuses other lengths and non-digits", () => {
    for (const bad of ["1234567", "123456789", "12345678901", "123456789012345", "0950600013435A"])
      refuses(() => normaliseGtin(bad), "gtin", /must be 8, 12, 13 or 14 digits/);
  });
});

describe("GS1 Digital Link paths", () => {
  it("reads GS1's examples: a GTIN with a lot, with a serial, with both, and an SSCC", () => {
    assert.deepEqual(parseDigitalLinkPath("/01/09506000134352/10/ABC123"), {
      kind: "lgtin",
      gtin: "09506000134352",
      lot: "ABC123",
    });
    assert.deepEqual(parseDigitalLinkPath("/01/9506000134352/21/12345"), {
      kind: "sgtin",
      gtin: "09506000134352",
      serial: "12345",
    });
    assert.deepEqual(parseDigitalLinkPath("/01/09506000134352/10/ABC123/21/12345").kind, "sgtin");
    assert.deepEqual(parseDigitalLinkPath("/00/106141412345678908"), { kind: "sscc", sscc: "106141412345678908" });
  });

  it("percent-decodes lot and serial, and encodes them back", () => {
    const key = parseDigitalLinkPath("/01/09506000134352/10/A%2FB%25%3F(1)");
    assert.deepEqual(key, { kind: "lgtin", gtin: "09506000134352", lot: "A/B%?(1)" });
    assert.equal(digitalLinkPath(key), "/01/09506000134352/10/A%2FB%25%3F%281%29");
    assert.deepEqual(parseDigitalLinkPath(digitalLinkPath(key)), key);
  });

  it("refuses a malformed path, naming the part at fault", () => {
    refuses(() => parseDigitalLinkPath("/01/09506000134353/10/ABC"), "gtin", /check digit 3 .* must be 2/);
    refuses(() => parseDigitalLinkPath("/00/106141412345678907"), "sscc", /check digit/);
    refuses(() => parseDigitalLinkPath("/00/10614141234567890"), "sscc", /must be 18 digits/);
    refuses(() => parseDigitalLinkPath("/01/09506000134352/10/A%2"), "lot", /malformed percent-encoding/);
    refuses(() => parseDigitalLinkPath("/01/09506000134352/10/A%20B"), "lot", /GS1 set 82/);
    refuses(() => parseDigitalLinkPath(`/01/09506000134352/21/${"9".repeat(21)}`), "serial", /1 to 20 characters/);
    refuses(() => parseDigitalLinkPath("/01/09506000134352"), "path", /GTIN alone names a product/);
    refuses(() => parseDigitalLinkPath("/01/09506000134352/21/1/10/A"), "path", /in that order/);
    refuses(() => parseDigitalLinkPath("/01/09506000134352/17/261231"), "path", /10\/\{lot\}/);
    refuses(() => parseDigitalLinkPath("/01/09506000134352/10/"), "lot", /GS1 set 82/);
    refuses(() => parseDigitalLinkPath("/00/106141412345678908/10/A"), "path", /nothing after it/);
    refuses(() => parseDigitalLinkPath("/414/9506000134352"), "path", /starts with/);
  });
});

describe("EPC URIs and Digital Links", () => {
  it("converts the Tag Data Standard's examples both ways", () => {
    const examples = [
      ["urn:epc:id:sgtin:0614141.812345.6789", "/01/80614141123458/21/6789"],
      ["urn:epc:id:sscc:0614141.1234567890", "/00/106141412345678908"],
      ["urn:epc:class:lgtin:4012345.012345.998877", "/01/04012345123456/10/998877"],
    ];
    for (const [epc, path] of examples) {
      const key = gs1KeyOfEpc(epc);
      assert.ok(key, epc);
      assert.equal(digitalLinkPath(key), path);
      assert.ok(epcCandidatesOf(parseDigitalLinkPath(path)).includes(epc), `${path} leads back to ${epc}`);
    }
  });

  it("round-trips the ledger's EPCs, escapes included, through every company-prefix length", () => {
    const epcs = [
      "urn:epc:id:lgtin:0614141.107346.GREEN-2026-07",
      "urn:epc:id:sgtin:0614141.107346.a%2Fb%22c",
      "urn:epc:id:sgtin:950600.0013435.S1",
      "urn:epc:id:sgtin:950600013435.2.S1",
      "urn:epc:id:sscc:061414112345.10001",
    ];
    for (const epc of epcs) {
      const key = gs1KeyOfEpc(epc);
      assert.ok(key, epc);
      const candidates = epcCandidatesOf(parseDigitalLinkPath(digitalLinkPath(key)));
      assert.ok(candidates.includes(epc), epc);
      for (const candidate of candidates) assert.deepEqual(gs1KeyOfEpc(candidate), key, candidate);
    }
    assert.deepEqual(gs1KeyOfEpc("urn:epc:id:sgtin:0614141.107346.a%2Fb%22c"), {
      kind: "sgtin",
      gtin: "10614141073464",
      serial: 'a/b"c',
    });
  });

  it("names no GS1 key for other EPCs or a prefix and reference of the wrong total length", () => {
    for (const epc of [
      "urn:epc:id:sgln:0614141.00001.YIRGA",
      "urn:epc:id:sgtin:0614141.10734.1",
      "urn:epc:id:sscc:0614141.123456789",
      "urn:epc:id:grai:0614141.12345.400",
    ])
      assert.equal(gs1KeyOfEpc(epc), null, epc);
  });
});
