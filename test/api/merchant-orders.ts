import { after, before, describe, it } from "node:test";
import { freshOrder } from "./helpers/fresh-order.ts";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { orders } from "../../indexer/src/store/schema.ts";
import { orderTermsFromJson } from "../../sdk/order-terms.ts";
import { chainActivity } from "../indexer/helpers/activity.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { devAccount, type ApiSystem } from "./helpers/api-system.ts";
import { SIWE_DOMAIN, SIWE_URI, sessionToken } from "./helpers/siwe.ts";
import { subscribe } from "./helpers/sse.ts";

const MERCHANT_ORDERS = "subscription { merchantOrders { id status merchant { address } } }";

/** Run by api.system.test.ts on its indexed demo ledger after its own tests: its own stack would cost an npm start. */
export function merchantOrdersSuite(systemOf: () => ApiSystem) {
  describe("the merchantOrders subscription: the signed-in merchant's new and changed orders", () => {
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

    const orderRowLike = async (state: "Placed" | "Shipped") => {
      const id = await freshOrder(system, state);
      return (await system.indexing.database.db.select().from(orders).where(eq(orders.id, id)))[0];
    };
    const accountOf = (address: string) =>
      Array.from({ length: 20 }, (_, i) => devAccount(i)).find((account) => account.address.toLowerCase() === address)!;

    it("needs a session", async () => {
      const anonymous = subscribe(api.graphqlUrl, MERCHANT_ORDERS, {});
      assert.equal((await anonymous.next(1)).errors?.[0]?.extensions?.code, "UNAUTHENTICATED");
      await anonymous.close();
    });

    it("pushes each change of the merchant's orders once, and none of another merchant's", async () => {
      const [placed, shipped] = [await orderRowLike("Placed"), await orderRowLike("Shipped")];
      assert.notEqual(placed.merchant, shipped.merchant);
      const stream = subscribe(
        api.graphqlUrl,
        MERCHANT_ORDERS,
        {},
        await sessionToken(api.graphqlUrl, accountOf(placed.merchant)),
      );
      await stream.started;
      const activity = chainActivity(system.ledger.rpcUrl, system.ledger.deployment);
      const terms = orderTermsFromJson(placed.terms);
      await activity.send("OrderEscrow", "acceptOrder", [BigInt(placed.id), terms], placed.merchant);
      await system.catchUp();
      const accepted = (await stream.next(1)).data.merchantOrders;
      assert.deepEqual([accepted.id, accepted.status], [placed.id, "Accepted"]);

      await activity.send(
        "OrderEscrow",
        "confirmDelivery",
        [BigInt(shipped.id), orderTermsFromJson(shipped.terms)],
        shipped.buyer,
      );
      await activity.send(
        "OrderEscrow",
        "shipOrder",
        [BigInt(placed.id), terms, "bafkreia7feuamstvnwcjgq2kcv5kabvsxdg5qqczx6u5evx56zgheup25e"],
        placed.merchant,
      );
      await system.catchUp();
      const next = (await stream.next(2)).data.merchantOrders;
      assert.deepEqual(
        [next.id, next.status, next.merchant.address.toLowerCase()],
        [placed.id, "Shipped", placed.merchant],
      );
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(stream.payloads.length, 2, "the other merchant's completed order is not pushed");
      await stream.close();
    });
  });
}
