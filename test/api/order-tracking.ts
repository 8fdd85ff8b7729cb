import { after, before, describe, it } from "node:test";
import { freshOrder } from "./helpers/fresh-order.ts";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { metadataDocuments, orders } from "../../indexer/src/store/schema.ts";
import { orderTermsFromJson } from "../../sdk/order-terms.ts";
import { until } from "../helpers/until.ts";
import { chainActivity } from "../indexer/helpers/activity.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { devAccount, type ApiSystem } from "./helpers/api-system.ts";
import { gql } from "./helpers/graphql.ts";
import { SIWE_DOMAIN, SIWE_URI, sessionToken } from "./helpers/siwe.ts";
import { subscribe } from "./helpers/sse.ts";

const TRACKING = "tracking { carrier trackingNumber url }";

/** Run by api.system.test.ts on its indexed demo ledger after its own tests: its own stack would cost an npm start. */
export function orderTrackingSuite(systemOf: () => ApiSystem) {
  describe("an order's tracking, from the merchant's document on IPFS through the indexer to GraphQL", () => {
    let system: ApiSystem;
    let api: Awaited<ReturnType<typeof startTestApi>>;

    before(async () => {
      system = systemOf();
      process.env.DEPLOYMENTS_DIR = system.ledger.deploymentsDir;
      api = await startTestApi(system.indexing.database, { SIWE_DOMAIN, SIWE_URI, RPC_URL: system.ledger.rpcUrl });
    });
    after(async () => {
      await api?.close();
    });

    const demoOrder = (state: "Completed") => (system.ledger.demo.orders as Record<string, string>)[state];
    const orderRow = async (id: string) =>
      (await system.indexing.database.db.select().from(orders).where(eq(orders.id, id)))[0];
    /** A session of the order's merchant (a node development account). */
    const merchantToken = async (id: string) => {
      const { merchant } = await orderRow(id);
      const account = Array.from({ length: 20 }, (_, i) => devAccount(i)).find(
        (candidate) => candidate.address.toLowerCase() === merchant.toLowerCase(),
      );
      return sessionToken(api.graphqlUrl, account!);
    };
    const trackingOf = async (id: string, token: string) => {
      const result = await gql(api.graphqlUrl, `{ order(id: "${id}") { status ${TRACKING} } }`, undefined, token);
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      return result.data!.order as { status: string; tracking: Record<string, string | null> | null };
    };
    /** Ships the order (accepting it first if need be) with `document` on IPFS as its tracking document. */
    const ship = async (id: string, document: unknown) => {
      const row = await orderRow(id);
      const cid = (await system.ipfs.add(new TextEncoder().encode(JSON.stringify(document)))).toString();
      const activity = chainActivity(system.ledger.rpcUrl, system.ledger.deployment);
      if (row.status === "Placed")
        await activity.send("OrderEscrow", "acceptOrder", [BigInt(id), orderTermsFromJson(row.terms)], row.merchant);
      await activity.send("OrderEscrow", "shipOrder", [BigInt(id), orderTermsFromJson(row.terms), cid], row.merchant);
      return cid;
    };

    it("links the demo's DHL parcel to DHL's tracking page", async () => {
      const id = demoOrder("Completed");
      const { tracking } = await trackingOf(id, await merchantToken(id));
      assert.equal(tracking?.carrier, "DHL");
      assert.match(tracking!.trackingNumber!, /^TRK-\d+$/);
      assert.equal(
        tracking!.url,
        `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${tracking!.trackingNumber}`,
      );
    });

    it("pushes the order again once its tracking document is resolved, with the merchant's own link", async () => {
      const id = await freshOrder(system, "Accepted");
      const token = await merchantToken(id);
      const stream = subscribe(
        api.graphqlUrl,
        `subscription($id: UInt256!) { orderUpdated(id: $id) { status ${TRACKING} } }`,
        {
          id,
        },
        token,
      );
      await stream.started;
      await ship(id, {
        schema: "commerce-ledger/tracking@1",
        carrier: "Bicycle Couriers Oy",
        trackingNumber: "BC 42/7",
        url: "https://couriers.example/track?n=BC%2042%2F7",
      });
      await system.indexing.sync.runOnce();
      const shipped = (await stream.next(1)).data.orderUpdated;
      assert.deepEqual([shipped.status, shipped.tracking], ["Shipped", null], "not resolved yet: no tracking");
      await system.resolver.drain();
      // The shipping batch may push more than once (a block per commit); the resolved document pushes once more.
      const resolved = await until(
        "a push with the resolved tracking",
        async () => stream.payloads.at(-1)!.data.orderUpdated,
        (order) => order.tracking !== null,
        10_000,
      );
      assert.deepEqual(resolved.tracking, {
        carrier: "Bicycle Couriers Oy",
        trackingNumber: "BC 42/7",
        url: "https://couriers.example/track?n=BC%2042%2F7",
      });
      assert.deepEqual((await trackingOf(id, token)).tracking, resolved.tracking, "the cached order was evicted");
      await stream.close();
    });

    it("keeps indexing past a bad tracking document: the order Shipped, tracking null, the reason kept", async () => {
      const id = await freshOrder(system, "Placed");
      const token = await merchantToken(id);
      const cid = await ship(id, {
        schema: "commerce-ledger/tracking@1",
        carrier: "UPS",
        trackingNumber: "1Z999",
        url: "javascript:alert(1)",
      });
      await system.catchUp();
      assert.deepEqual(await trackingOf(id, token), { status: "Shipped", tracking: null });
      const [document] = await system.indexing.database.db
        .select()
        .from(metadataDocuments)
        .where(eq(metadataDocuments.cid, cid));
      assert.deepEqual([document.kind, document.status], ["tracking", "INVALID"]);
      assert.match(document.error!, /http\(s\) URL/);
    });
  });
}
