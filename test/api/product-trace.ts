import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { zeroHash } from "viem";
import { itemIdOf } from "../../sdk/item-id.ts";
import { EVIDENCE_CID } from "../fixtures/provenance.ts";
import { chainActivity } from "../indexer/helpers/activity.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { devAccount, type ApiSystem } from "./helpers/api-system.ts";
import { codeOf, gql } from "./helpers/graphql.ts";
import { sessionToken } from "./helpers/siwe.ts";

/** The demo's traced lots as the seed registers them (scripts/demo/provenance.ts). */
const ROASTED = { gtin: "10614141073471", lot: "ROAST-2026-11" }; // urn:epc:id:lgtin:0614141.107347.ROAST-2026-11
const SHIPMENT_SSCC = "106141412345678908"; // urn:epc:id:sscc:0614141.1234567890

/**
 * From the physical product to its trace, over the indexed demo ledger of `systemOf()`: run by
 * api.system.test.ts on its stack (a stack of its own would cost a whole npm start) after its own tests, since
 * the recall tests record items on the chain.
 */
export function productTraceSuite(systemOf: () => ApiSystem) {
  describe("from the physical product to its trace, over the indexed demo ledger", () => {
    let system: ApiSystem;
    let api: Awaited<ReturnType<typeof startTestApi>>;
    let demo: { itemId: string; shipmentId: string; originId: string };
    let sale: { id: string; buyer: string; merchant: string; status: string };

    before(async () => {
      system = systemOf();
      process.env.DEPLOYMENTS_DIR = system.ledger.deploymentsDir;
      api = await startTestApi(system.indexing.database, { PUBLIC_URL: "https://shop.example" });
      demo = system.ledger.demo.provenance as typeof demo;
      // The order the roasted lot was packed for, read from the index as the reference.
      const { rows } = await system.indexing.database.db.execute(sql`
      select o.id::text as id, o.buyer, o.merchant, o.status from aggregation_links l join orders o on o.id = l.order_id
      where l.child_id = ${demo.itemId}`);
      assert.equal(rows.length, 1, "the demo packs the roasted lot for one order");
      sale = rows[0] as typeof sale;
    });
    after(async () => {
      await api?.close();
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

      it("counts resolutions and recall downloads against the per-client request limit", async () => {
        const limited = await startTestApi(system.indexing.database, { RATE_LIMIT_PER_MINUTE: "2" });
        try {
          // Each route keeps its own window per client, as /graphql and /epcis/events do.
          for (const [path, ok] of [
            [`/00/${SHIPMENT_SSCC}`, 307],
            [`/provenance/${demo.itemId}/recall.csv`, 200],
          ] as const) {
            const answers = [];
            for (let i = 0; i < 3; i++) answers.push(await fetch(`${limited.url}${path}`, { redirect: "manual" }));
            assert.deepEqual(
              answers.map((answer) => answer.status),
              [ok, ok, 429],
              path,
            );
            assert.match(answers[2].headers.get("retry-after") ?? "", /^[1-9]\d*$/);
            assert.match(await answers[2].text(), /^too many requests: retry in \d+ s$/);
          }
        } finally {
          await limited.close();
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
    describe("forward trace and recall", () => {
      const RECALL = `query($id: Bytes32!) { recall(itemId: $id) {
      item { id } items { item { id } reachedBy from } containers { item { id } reachedBy from }
      orders { id merchant status itemIds buyer } buyers allBuyersShown } }`;
      const recallAs = async (token?: string) => {
        const result = await gql(api.graphqlUrl, RECALL, { id: demo.originId }, token);
        assert.equal(result.errors, undefined, JSON.stringify(result.errors));
        return result.data!.recall;
      };
      const csvAs = (itemId: string, token?: string) =>
        fetch(`${api.url}/provenance/${itemId}/recall.csv`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
      const lower = (address: string) => address.toLowerCase();

      it("recalls the green beans: roasted lot, shipment, order and, to an auditor, the buyer", async () => {
        const recall = await recallAs(await sessionToken(api.graphqlUrl, devAccount(4)));
        assert.equal(recall.item.id, demo.originId);
        assert.deepEqual(recall.items, [
          { item: { id: demo.originId }, reachedBy: "recalled", from: null },
          { item: { id: demo.itemId }, reachedBy: "transformation", from: demo.originId },
        ]);
        assert.deepEqual(recall.containers, [
          { item: { id: demo.shipmentId }, reachedBy: "aggregation", from: demo.itemId },
        ]);
        assert.equal(recall.orders.length, 1);
        assert.equal(recall.orders[0].id, sale.id);
        assert.deepEqual(recall.orders[0].itemIds, [demo.itemId]);
        assert.equal(lower(recall.orders[0].buyer), sale.buyer);
        assert.equal(lower(recall.orders[0].merchant), sale.merchant);
        assert.deepEqual(recall.buyers.map(lower), [sale.buyer]);
        assert.equal(recall.allBuyersShown, true);
      });

      it("hides buyers from an anonymous caller and from a buyer, shows them to the selling merchant", async () => {
        const anonymous = await recallAs();
        assert.equal(anonymous.orders[0].id, sale.id, "the order is still named");
        assert.equal(anonymous.orders[0].buyer, null);
        assert.deepEqual(anonymous.buyers, []);
        assert.equal(anonymous.allBuyersShown, false);
        assert.equal(anonymous.containers.length, 1);
        const buyer = devAccount(11);
        assert.equal(lower(buyer.address), sale.buyer, "the demo's buyer is ada");
        const asBuyer = await recallAs(await sessionToken(api.graphqlUrl, buyer));
        assert.equal(asBuyer.orders[0].buyer, null);
        const merchant = devAccount(6);
        assert.equal(lower(merchant.address), sale.merchant, "the demo's coffee merchant is account 6");
        const asMerchant = await recallAs(await sessionToken(api.graphqlUrl, merchant));
        assert.equal(lower(asMerchant.orders[0].buyer), sale.buyer);
        assert.equal(asMerchant.allBuyersShown, false);
      });

      it("downloads the recall as CSV, the buyer column empty unless the caller may see it", async () => {
        const anonymous = await csvAs(demo.originId);
        assert.equal(anonymous.status, 200);
        assert.match(anonymous.headers.get("content-type") ?? "", /^text\/csv/);
        assert.match(
          anonymous.headers.get("content-disposition") ?? "",
          /attachment; filename="recall-0x[0-9a-f]{64}\.csv"/,
        );
        const rows = (await anonymous.text()).split("\r\n");
        assert.deepEqual(rows, [
          "kind,item_id,epc,status,reached_by,from,order_id,merchant,buyer",
          `item,${demo.originId},urn:epc:id:lgtin:0614141.107346.GREEN-2026-07,Consumed,recalled,,,,`,
          `item,${demo.itemId},urn:epc:id:lgtin:0614141.107347.ROAST-2026-11,Active,transformation,${demo.originId},,,`,
          `container,${demo.shipmentId},urn:epc:id:sscc:0614141.1234567890,Active,aggregation,${demo.itemId},,,`,
          `order,${demo.itemId},,${sale.status},,,${sale.id},${sale.merchant},`,
          "",
        ]);
        const auditor = await sessionToken(api.graphqlUrl, devAccount(4));
        const audited = (await (await csvAs(demo.originId, auditor)).text()).split("\r\n");
        assert.equal(audited[4].split(",").at(-1), sale.buyer);
      });

      it("refuses a bad token (401), a malformed id (400) and an unknown item (404) in plain words", async () => {
        const badToken = await csvAs(demo.originId, "not-a-token");
        assert.equal(badToken.status, 401);
        assert.equal(await badToken.text(), "invalid session token");
        const malformed = await csvAs("0x1234");
        assert.equal(malformed.status, 400);
        assert.equal(await malformed.text(), "itemId: must be 0x followed by 64 hex digits");
        const unknown = await csvAs(`0x${"ab".repeat(32)}`);
        assert.equal(unknown.status, 404);
        const result = await gql(api.graphqlUrl, RECALL, { id: `0x${"ab".repeat(32)}` });
        assert.equal(codeOf(result), "NOT_FOUND");
      });

      it("names the transformation that used an item, and the containers that carried it over time", async () => {
        const result = await gql(
          api.graphqlUrl,
          `query($o: Bytes32!, $r: Bytes32!) {
          origin: item(id: $o) { usedIn { kind itemIds outputIds } containers { containerId } }
          roasted: item(id: $r) { usedIn { id } containers { containerId action orderId } } }`,
          { o: demo.originId, r: demo.itemId },
        );
        assert.equal(result.errors, undefined, JSON.stringify(result.errors));
        const { origin, roasted } = result.data!;
        assert.deepEqual(origin.usedIn, [
          { kind: "transformation", itemIds: [demo.originId], outputIds: [demo.itemId] },
        ]);
        assert.deepEqual(origin.containers, []);
        assert.deepEqual(roasted.usedIn, []);
        assert.deepEqual(roasted.containers, [
          { containerId: demo.shipmentId, action: "aggregated", orderId: sale.id },
          { containerId: demo.shipmentId, action: "disaggregated", orderId: null },
        ]);
      });
    });
    describe("a generated chain: two transformations, then a case packed on a pallet", () => {
      const epc = {
        raw: "urn:epc:id:sgtin:0614141.107350.A1",
        blend: "urn:epc:id:lgtin:0614141.107351.B-LOT",
        bagged: "urn:epc:id:lgtin:0614141.107352.D-LOT",
        case: "urn:epc:id:sscc:0614141.2000000001",
        pallet: "urn:epc:id:sscc:0614141.3000000001",
      };
      const id = (key: keyof typeof epc) => itemIdOf(epc[key]);
      const newItem = (key: keyof typeof epc) => ({
        itemId: id(key),
        listingId: zeroHash,
        quantity: 1n,
        epc: epc[key],
      });

      before(async () => {
        const merchant = devAccount(6).address;
        const { send } = chainActivity(system.ledger.rpcUrl, system.ledger.deployment);
        await send("Provenance", "registerItems", [[newItem("raw"), newItem("case"), newItem("pallet")]], merchant);
        await send("Provenance", "transform", [[id("raw")], [newItem("blend")], EVIDENCE_CID], merchant);
        await send("Provenance", "transform", [[id("blend")], [newItem("bagged")], EVIDENCE_CID], merchant);
        await send("Provenance", "aggregate", [id("case"), [id("bagged")], 0n], merchant);
        await send("Provenance", "aggregate", [id("pallet"), [id("case")], 0n], merchant);
        await system.catchUp();
      });

      it("recalls through both transformations and both levels of packing, with no order to name", async () => {
        const result = await gql(
          api.graphqlUrl,
          `query($id: Bytes32!) { recall(itemId: $id) {
          items { item { epc } reachedBy from } containers { item { epc } reachedBy from } orders { id } buyers } }`,
          { id: id("raw") },
        );
        assert.equal(result.errors, undefined, JSON.stringify(result.errors));
        assert.deepEqual(result.data!.recall, {
          items: [
            { item: { epc: epc.raw }, reachedBy: "recalled", from: null },
            { item: { epc: epc.blend }, reachedBy: "transformation", from: id("raw") },
            { item: { epc: epc.bagged }, reachedBy: "transformation", from: id("blend") },
          ],
          containers: [
            { item: { epc: epc.case }, reachedBy: "aggregation", from: id("bagged") },
            { item: { epc: epc.pallet }, reachedBy: "aggregation", from: id("case") },
          ],
          orders: [],
          buyers: [],
        });
        const middle = await gql(
          api.graphqlUrl,
          `query($id: Bytes32!) { recall(itemId: $id) { items { item { epc } } } }`,
          {
            id: id("blend"),
          },
        );
        assert.deepEqual(
          middle.data!.recall.items.map((entry: { item: { epc: string } }) => entry.item.epc),
          [epc.blend, epc.bagged],
          "nothing upstream of the recalled item",
        );
      });

      it("resolves the serialised item's Digital Link (GTIN + serial) to its trace", async () => {
        const response = await resolve("/01/10614141073501/21/A1");
        assert.equal(response.status, 307);
        assert.equal(response.headers.get("location"), `https://shop.example/provenance/${id("raw")}`);
      });
    });
  });
}
