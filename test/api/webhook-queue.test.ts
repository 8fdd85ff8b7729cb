import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { claim, dueDeliveries, forgetDelivered, recordAttempt } from "../../api/src/webhooks/delivery-queue.ts";
import { type Database, openDatabase } from "../../indexer/src/store/db.ts";
import { apiWebhookDeliveries, apiWebhooks } from "../../indexer/src/store/schema.ts";

const NOW = 1_000_000;

describe("the webhook delivery queue", () => {
  let database: Database;

  before(async () => {
    database = await openDatabase("memory://");
    const endpoint = (merchant: string) => ({ merchant, url: "https://x.example", secret: "s", queuedThrough: 0 });
    const [backlogged, quiet] = await database.db
      .insert(apiWebhooks)
      .values([
        { ...endpoint("0xa"), createdAt: 0 },
        { ...endpoint("0xb"), createdAt: 0 },
      ])
      .returning();
    const delivery = (webhookId: number, orderId: number, blockNumber: number) => ({
      webhookId,
      orderId: String(orderId),
      blockNumber,
      logIndex: 0,
      event: "OrderPlaced",
      payload: {},
      status: "PENDING",
      nextAttemptAt: NOW,
      createdAt: 0,
    });
    await database.db.insert(apiWebhookDeliveries).values([
      // A failing endpoint's backlog: 50 orders, each event due again.
      ...Array.from({ length: 50 }, (_, i) => delivery(backlogged.id, i, i + 1)),
      // The quiet endpoint: one order's two events, the later one first in the table, then a later order.
      delivery(quiet.id, 100, 80),
      delivery(quiet.id, 100, 70),
      delivery(quiet.id, 101, 90),
    ]);
  });
  after(() => database?.close());

  it("gives each endpoint its share of a pass, whatever another's backlog", async () => {
    const due = await dueDeliveries(database.db, NOW, 2, 5);
    const endpoints = [...new Set(due.map((d) => d.webhookId))];
    assert.deepEqual(
      endpoints.map((id) => due.filter((d) => d.webhookId === id).length),
      [2, 2],
    );
  });

  it("offers only the earliest pending event of each order to an endpoint", async () => {
    const due = await dueDeliveries(database.db, NOW, 10, 100);
    const quiet = due.filter((d) => d.webhookId === due.at(-1)!.webhookId);
    const rows = await database.db.select().from(apiWebhookDeliveries);
    const blockOf = (id: number) => rows.find((row) => row.id === id)!.blockNumber;
    assert.deepEqual(
      quiet.map((d) => blockOf(d.id)),
      [70, 90],
    );
  });

  it("lets one sender claim a delivery; another's claim fails until the lease ends", async () => {
    const [first] = await dueDeliveries(database.db, NOW, 1, 1);
    assert.equal(await claim(database.db, first.id, NOW, NOW + 10_000), true);
    assert.equal(await claim(database.db, first.id, NOW, NOW + 10_000), false);
    assert.equal(await claim(database.db, first.id, NOW + 10_000, NOW + 20_000), true);
  });

  it("forgets delivered deliveries once older than the log keeps, never pending ones", async () => {
    const [first] = await dueDeliveries(database.db, NOW, 1, 1);
    await recordAttempt(database.db, first, { statusCode: 204, error: null }, NOW, NOW);
    const count = async () => (await database.db.select().from(apiWebhookDeliveries)).length;
    const before = await count();
    await forgetDelivered(database.db, NOW);
    assert.equal(await count(), before, "delivered at NOW: kept");
    await forgetDelivered(database.db, NOW + 1);
    assert.equal(await count(), before - 1);
    await forgetDelivered(database.db, NOW * 10);
    assert.equal(await count(), before - 1, "pending deliveries stay");
  });
});
