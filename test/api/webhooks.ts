import { after, before, describe, it } from "node:test";
import { freshOrder } from "./helpers/fresh-order.ts";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { orders } from "../../indexer/src/store/schema.ts";
import { orderTermsFromJson } from "../../sdk/order-terms.ts";
import { verifyWebhook, WEBHOOK_HEADERS } from "../../sdk/webhook-signature.ts";
import { until } from "../helpers/until.ts";
import { chainActivity } from "../indexer/helpers/activity.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { devAccount, type ApiSystem } from "./helpers/api-system.ts";
import { codeOf, gql } from "./helpers/graphql.ts";
import { SIWE_DOMAIN, SIWE_URI, sessionToken } from "./helpers/siwe.ts";

interface Received {
  at: number;
  headers: IncomingMessage["headers"];
  body: string;
  answered: number;
}

/** A local endpoint answering `answers` in turn (then 200), or never for "hang"; it records every request. */
async function startReceiver(answers: (number | "hang")[]) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answer = answers.shift() ?? 200;
      received.push({
        at: Date.now(),
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
        answered: answer === "hang" ? 0 : answer,
      });
      if (answer !== "hang") response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ledger`,
    received,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Run by api.system.test.ts on its indexed demo ledger after its own tests: its own stack would cost an npm start. */
export function webhooksSuite(systemOf: () => ApiSystem) {
  describe("webhooks: a merchant's order events, signed, retried with back-off and in order per order", () => {
    let system: ApiSystem;
    let api: Awaited<ReturnType<typeof startTestApi>>;
    let flaky: Awaited<ReturnType<typeof startReceiver>>;
    let hanging: Awaited<ReturnType<typeof startReceiver>>;

    before(async () => {
      system = systemOf();
      process.env.DEPLOYMENTS_DIR = system.ledger.deploymentsDir;
      api = await startTestApi(system.indexing.database, {
        SIWE_DOMAIN,
        SIWE_URI,
        RPC_URL: system.ledger.rpcUrl,
        WEBHOOK_ALLOW_PRIVATE: "true",
        WEBHOOK_POLL_MS: "50",
        WEBHOOK_RETRY_BASE_MS: "200",
        WEBHOOK_TIMEOUT_MS: "1000",
      });
      flaky = await startReceiver([500, 503]);
      hanging = await startReceiver(Array(100).fill("hang"));
    });
    after(async () => {
      await api?.close();
      await flaky?.close();
      await hanging?.close();
    });

    const orderRowLike = async (state: "Placed" | "Shipped") => {
      const id = await freshOrder(system, state);
      return (await system.indexing.database.db.select().from(orders).where(eq(orders.id, id)))[0];
    };
    const tokenOf = (address: string) =>
      sessionToken(
        api.graphqlUrl,
        Array.from({ length: 20 }, (_, i) => devAccount(i)).find((a) => a.address.toLowerCase() === address)!,
      );
    const register = (token: string, url: string) =>
      gql(
        api.graphqlUrl,
        "mutation($url: String!) { registerWebhook(url: $url) { secret webhook { id url } } }",
        {
          url,
        },
        token,
      );

    it("refuses a stranger and a non-http URL; answers the secret once; lists and deletes", async () => {
      const placed = await orderRowLike("Placed");
      const token = await tokenOf(placed.merchant);
      assert.equal(codeOf(await register(await sessionToken(api.graphqlUrl, devAccount(11)), flaky.url)), "FORBIDDEN");
      const ftp = await register(token, "ftp://files.example/hook");
      assert.equal(codeOf(ftp), "BAD_USER_INPUT");
      assert.match(ftp.errors![0].message, /url/);
      const { data } = await register(token, flaky.url);
      assert.match(data!.registerWebhook.secret, /^whsec_/);
      const listed = async () =>
        (await gql(api.graphqlUrl, "{ webhooks { id url } }", undefined, token)).data!.webhooks;
      assert.deepEqual(await listed(), [data!.registerWebhook.webhook]);
      const { id } = data!.registerWebhook.webhook;
      const deleted = await gql(api.graphqlUrl, `mutation { deleteWebhook(id: "${id}") }`, undefined, token);
      assert.equal(deleted.data!.deleteWebhook, true);
      assert.deepEqual(await listed(), []);
      const deleteAgain = await gql(api.graphqlUrl, `mutation { deleteWebhook(id: "${id}") }`, undefined, token);
      assert.equal(codeOf(deleteAgain), "NOT_FOUND");
      assert.equal(
        codeOf(await gql(api.graphqlUrl, 'mutation { deleteWebhook(id: "x") }', undefined, token)),
        "BAD_USER_INPUT",
      );
    });

    it("delivers each event signed, retries a failing endpoint with back-off, in order per order", async () => {
      const placed = await orderRowLike("Placed");
      const token = await tokenOf(placed.merchant);
      const { secret } = (await register(token, flaky.url)).data!.registerWebhook;
      // Another merchant's endpoint that never answers must not hold these deliveries up.
      const shipped = await orderRowLike("Shipped");
      assert.notEqual(shipped.merchant, placed.merchant, "the demo's shipped order is the other merchant's");
      assert.ok((await register(await tokenOf(shipped.merchant), hanging.url)).data);

      const activity = chainActivity(system.ledger.rpcUrl, system.ledger.deployment);
      const terms = orderTermsFromJson(placed.terms);
      const trackingCid = "bafkreia7feuamstvnwcjgq2kcv5kabvsxdg5qqczx6u5evx56zgheup25e";
      await activity.send(
        "OrderEscrow",
        "confirmDelivery",
        [BigInt(shipped.id), orderTermsFromJson(shipped.terms)],
        shipped.buyer,
      );
      await activity.send("OrderEscrow", "acceptOrder", [BigInt(placed.id), terms], placed.merchant);
      await activity.send("OrderEscrow", "shipOrder", [BigInt(placed.id), terms, trackingCid], placed.merchant);
      await system.catchUp();

      await until(
        "both events accepted",
        async () => flaky.received.filter((r) => r.answered === 200).length,
        (n) => n >= 2,
      );
      for (const request of flaky.received) {
        const signature = String(request.headers[WEBHOOK_HEADERS.signature]);
        const timestamp = String(request.headers[WEBHOOK_HEADERS.timestamp]);
        assert.ok(verifyWebhook(secret, { signature, timestamp, body: request.body }), "signed with the secret");
        assert.ok(!verifyWebhook(secret, { signature, timestamp, body: `${request.body} ` }), "over the exact body");
      }
      const events = flaky.received.map((r) => [JSON.parse(r.body).event, r.answered]);
      assert.deepEqual(events, [
        ["OrderAccepted", 500],
        ["OrderAccepted", 503],
        ["OrderAccepted", 200],
        ["OrderShipped", 200],
      ]);
      const [first, second, third, last] = flaky.received;
      assert.ok(second.at - first.at >= 180 && third.at - second.at >= 380, "the back-off doubles");
      const body = JSON.parse(last.body);
      assert.deepEqual([body.orderId, body.status, body.merchant], [placed.id, "Shipped", placed.merchant]);
      assert.equal(last.headers[WEBHOOK_HEADERS.delivery], body.deliveryId);
      assert.ok(hanging.received.length >= 1, "the hanging endpoint was tried meanwhile");

      const log = await gql(
        api.graphqlUrl,
        "{ webhookDeliveries { event status attempts lastStatusCode lastError deliveredAt orderId } }",
        undefined,
        token,
      );
      assert.equal(log.errors, undefined, JSON.stringify(log.errors));
      const deliveries = log.data!.webhookDeliveries as Record<string, any>[];
      assert.deepEqual(
        deliveries.map((d) => [d.event, d.status, d.lastStatusCode]),
        [
          ["OrderShipped", "DELIVERED", 200],
          ["OrderAccepted", "DELIVERED", 200],
        ],
      );
      // The receiver answered the accepted event 500, 503, then 200 (above); on a loaded machine an attempt can also
      // time out before it reaches the receiver, which the log counts too.
      assert.ok(deliveries[1].attempts >= 3, `the accepted event took ${deliveries[1].attempts} attempts`);
      assert.ok(deliveries[0].attempts >= 1);
      const otherToken = await tokenOf(shipped.merchant);
      // Its first attempt may still be waiting out the timeout: the log says why once it has given up on it.
      const pending = await until(
        "the hanging endpoint's first timeout logged",
        async () =>
          (
            await gql(
              api.graphqlUrl,
              "{ webhookDeliveries { event status attempts lastError nextAttemptAt } }",
              undefined,
              otherToken,
            )
          ).data!.webhookDeliveries as Record<string, any>[],
        (deliveries) => deliveries.length >= 1 && Boolean(deliveries.at(-1)!.lastError),
      );
      assert.ok(pending.length >= 1 && pending.every((d) => d.status === "PENDING" && d.nextAttemptAt));
      assert.match(pending.at(-1)!.lastError ?? "", /no answer within 1000 ms/);
    });
  });
}
