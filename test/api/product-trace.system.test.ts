import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestApi } from "./helpers/api-server.ts";
import { startApiSystem, type ApiSystem } from "./helpers/api-system.ts";
import { gql } from "./helpers/graphql.ts";

/** The demo's traced lots as the seed registers them (scripts/demo/provenance.ts). */
const ROASTED = { gtin: "10614141073471", lot: "ROAST-2026-11" }; // urn:epc:id:lgtin:0614141.107347.ROAST-2026-11
const SHIPMENT_SSCC = "106141412345678908"; // urn:epc:id:sscc:0614141.1234567890

describe("from the physical product to its trace, over the indexed demo ledger", () => {
  let system: ApiSystem;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let demo: { itemId: string; shipmentId: string; originId: string };

  before(async () => {
    system = await startApiSystem(0);
    process.env.DEPLOYMENTS_DIR = system.ledger.deploymentsDir;
    api = await startTestApi(system.indexing.database, { PUBLIC_URL: "https://shop.example" });
    demo = system.ledger.demo.provenance as typeof demo;
  });
  after(async () => {
    await api?.close();
    await system?.stop();
  });

  /** GETs a Digital Link path without following the redirect. */
  const resolve = (path: string) => fetch(`${api.url}${path}`, { redirect: "manual" });

  describe("GS1 Digital Link resolver", () => {
    it("redirects the demo's roasted lot and its shipment's SSCC to their trace pages", async () => {
      const lot = await resolve(`/01/${ROASTED.gtin}/10/${ROASTED.lot}`);
      assert.equal(lot.status, 307);
      assert.equal(lot.headers.get("location"), `https://shop.example/provenance/${demo.itemId}`);
      const shipment = await resolve(`/00/${SHIPMENT_SSCC}?linkType=all`);
      assert.equal(shipment.status, 307);
      assert.equal(shipment.headers.get("location"), `https://shop.example/provenance/${demo.shipmentId}`);
    });

    it("refuses a bad check digit or a malformed path with a 400 naming the part", async () => {
      const badCheck = await resolve(`/01/10614141073472/10/${ROASTED.lot}`);
      assert.equal(badCheck.status, 400);
      assert.match(badCheck.headers.get("content-type") ?? "", /^text\/plain/);
      assert.equal(await badCheck.text(), "gtin: check digit 2 of 10614141073472 is wrong, it must be 1");
      const badSscc = await resolve("/00/106141412345678909");
      assert.equal(badSscc.status, 400);
      assert.match(await badSscc.text(), /^sscc: check digit 9/);
      const noLot = await resolve(`/01/${ROASTED.gtin}`);
      assert.equal(noLot.status, 400);
      assert.match(await noLot.text(), /^path: a GTIN alone names a product/);
      const badLot = await resolve(`/01/${ROASTED.gtin}/10/ROAST%20X`);
      assert.equal(badLot.status, 400);
      assert.match(await badLot.text(), /^lot: "ROAST X" must be 1 to 20 characters of GS1 set 82/);
    });

    it("answers 404 for a lot, serial or SSCC no item carries", async () => {
      for (const path of [
        `/01/${ROASTED.gtin}/10/ROAST-2026-12`,
        `/01/${ROASTED.gtin}/21/${ROASTED.lot}`,
        "/00/106141412345678915",
      ]) {
        const response = await resolve(path);
        assert.equal(response.status, 404, path);
        assert.match(await response.text(), /^item with (GTIN|SSCC) .* not found$/);
      }
    });

    it("gives each item its Digital Link on the public URL", async () => {
      const result = await gql(
        api.graphqlUrl,
        `query($a: Bytes32!, $b: Bytes32!) { a: item(id: $a) { digitalLink } b: item(id: $b) { digitalLink } }`,
        { a: demo.itemId, b: demo.shipmentId },
      );
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      assert.equal(result.data!.a.digitalLink, `https://shop.example/01/${ROASTED.gtin}/10/${ROASTED.lot}`);
      assert.equal(result.data!.b.digitalLink, `https://shop.example/00/${SHIPMENT_SSCC}`);
    });
  });
});
