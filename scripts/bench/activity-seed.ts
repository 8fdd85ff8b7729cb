// What the storefront's other readers read, seeded beside the catalog (scripts/bench/api-seed.ts) and scaled with
// it: orders, a quarter as many as listings, from Zipf-distributed buyers (a few buy often, most rarely) for random
// listings, with their lines, timelines and settlements; and provenance items, one per 20 listings, with six
// recorded events and a custody hand-off each.
import type { Database } from "../../indexer/src/store/db.ts";
import * as schema from "../../indexer/src/store/schema.ts";
import { NATIVE_TOKEN, randomSource, Zipf } from "./catalog.ts";
import { cidOf, hex, timeOf } from "./seed-values.ts";

const CHUNK = 1_000;
const STATUSES: [status: string, share: number][] = [
  ["Completed", 0.6],
  ["Shipped", 0.15],
  ["Placed", 0.1],
  ["Accepted", 0.05],
  ["Refunded", 0.05],
  ["Cancelled", 0.03],
  ["Disputed", 0.02],
];
const EVENTS_PER_ITEM = 6;
/** Above the ids of the one trace api-seed.ts records. */
const FIRST_EVENT_ID = 1_000;

/** An order's place in its lists: its placing block and id. */
export type OrderKey = [placedBlock: number, id: string];

export interface Activity {
  /** Buyers' addresses, most active first. */
  buyers: string[];
  /** Each merchant's orders (by index in the seeded merchants), oldest first. */
  ordersOfMerchant: OrderKey[][];
  itemIds: string[];
  /** The last block anything was seeded in. */
  lastBlock: number;
}

const statusOf = (roll: number) => {
  for (const [status, share] of STATUSES) if ((roll -= share) < 0) return status;
  return STATUSES[0][0];
};

/**
 * Seeds orders and provenance for `listingIds`, the listing at each index sold by `merchants[merchantOf[index]]`,
 * placed in blocks from `firstBlock` on.
 */
export async function seedActivity(
  database: Database,
  catalog: { listingIds: string[]; merchants: string[]; merchantOf: Int32Array; firstBlock: number },
): Promise<Activity> {
  const { listingIds, merchants, merchantOf, firstBlock } = catalog;
  const db = database.db;
  const random = randomSource(23);
  const orderCount = Math.max(1, Math.floor(listingIds.length / 4));
  const buyers = Array.from({ length: Math.max(100, Math.floor(orderCount / 5)) }, (_, i) => hex(`buyer ${i}`, 20));
  const buyerRank = new Zipf(buyers.length, 0.8);
  const ordersOfMerchant: OrderKey[][] = merchants.map(() => []);
  let [orders, lines, timeline, settlements] = [
    [] as (typeof schema.orders.$inferInsert)[],
    [] as (typeof schema.orderLines.$inferInsert)[],
    [] as (typeof schema.orderTimeline.$inferInsert)[],
    [] as (typeof schema.settlements.$inferInsert)[],
  ];
  const flush = async () => {
    if (orders.length === 0) return;
    await db.insert(schema.orders).values(orders);
    await db.insert(schema.orderLines).values(lines);
    await db.insert(schema.orderTimeline).values(timeline);
    if (settlements.length) await db.insert(schema.settlements).values(settlements);
    [orders, lines, timeline, settlements] = [[], [], [], []];
  };
  for (let i = 0; i < orderCount; i++) {
    const id = String(i + 1);
    const listing = Math.floor(random() * listingIds.length);
    const merchant = merchants[merchantOf[listing]];
    const buyer = buyers[buyerRank.draw(random)];
    const placedBlock = firstBlock + Math.floor(i / 3); // a few orders a block: keys tie on the block
    const quantity = 1 + Math.floor(random() * 3);
    const total = (BigInt(quantity) * BigInt(5 + Math.floor(random() * 200)) * 10n ** 18n).toString();
    const status = statusOf(random());
    const txHash = hex(`order tx ${i}`);
    ordersOfMerchant[merchantOf[listing]].push([placedBlock, id]);
    orders.push({
      id,
      buyer,
      merchant,
      token: NATIVE_TOKEN,
      total,
      refunded: status === "Refunded" ? total : "0",
      feeBps: 100,
      terms: {
        buyer,
        merchant,
        token: NATIVE_TOKEN,
        total,
        feeBps: 100,
        treasury: merchants[0],
        lines: [{ listingId: listingIds[listing], quantity: String(quantity) }],
      },
      status,
      shippingCid: cidOf(`shipping ${i}`),
      shipBy: placedBlock + 1_000,
      placedBlock,
      placedAt: timeOf(placedBlock),
      txHash,
      blockNumber: placedBlock,
    });
    lines.push({
      orderId: id,
      line: 0,
      listingId: listingIds[listing],
      quantity: String(quantity),
      blockNumber: placedBlock,
    });
    timeline.push({
      blockNumber: placedBlock,
      logIndex: 2 * i,
      orderId: id,
      event: "OrderPlaced",
      status: "Placed",
      data: { total },
      txHash,
      at: timeOf(placedBlock),
    });
    if (status !== "Placed") {
      const block = placedBlock + 50;
      timeline.push({
        blockNumber: block,
        logIndex: 2 * i + 1,
        orderId: id,
        event: `Order${status}`,
        status,
        data: {},
        txHash: hex(`order tx ${i} later`),
        at: timeOf(block),
      });
    }
    if (status === "Completed")
      settlements.push({
        orderId: id,
        payout: merchant,
        merchantAmount: ((BigInt(total) * 99n) / 100n).toString(),
        buyerAmount: "0",
        feeAmount: (BigInt(total) / 100n).toString(),
        txHash: hex(`settle ${i}`),
        settledAt: timeOf(placedBlock + 50),
        blockNumber: placedBlock + 50,
      });
    if (orders.length === CHUNK) await flush();
  }
  await flush();
  const itemsFrom = firstBlock + Math.ceil(orderCount / 3) + 100;
  const itemIds = await seedItems(database, catalog, itemsFrom);
  return { buyers, ordersOfMerchant, itemIds, lastBlock: itemsFrom + itemIds.length };
}

/** One item per 20 listings, each with EVENTS_PER_ITEM recorded events and a custody hand-off. */
async function seedItems(
  database: Database,
  { listingIds, merchants, merchantOf }: { listingIds: string[]; merchants: string[]; merchantOf: Int32Array },
  firstBlock: number,
): Promise<string[]> {
  const db = database.db;
  const itemIds: string[] = [];
  for (let start = 0; start < listingIds.length; start += 20 * CHUNK) {
    const items: (typeof schema.provenanceItems.$inferInsert)[] = [];
    const events: (typeof schema.provenanceEvents.$inferInsert)[] = [];
    const eventItems: (typeof schema.provenanceEventItems.$inferInsert)[] = [];
    const handOffs: (typeof schema.custodyTransfers.$inferInsert)[] = [];
    for (let listing = start; listing < Math.min(listingIds.length, start + 20 * CHUNK); listing += 20) {
      const n = listing / 20;
      const id = hex(`item ${n}`);
      const [maker, carrier] = [
        merchants[merchantOf[listing]],
        merchants[(merchantOf[listing] + 1) % merchants.length],
      ];
      const block = firstBlock + n;
      itemIds.push(id);
      items.push({
        id,
        listingId: listingIds[listing],
        quantity: "1",
        epc: `urn:epc:id:sgtin:0614142.100000.${n}`, // another company than the trace api-seed.ts records
        registeredBy: maker,
        custodian: carrier,
        status: "Active",
        registeredBlock: block,
        registeredAt: timeOf(block),
        blockNumber: block,
      });
      for (let e = 0; e < EVENTS_PER_ITEM; e++) {
        const eventId = String(FIRST_EVENT_ID + n * EVENTS_PER_ITEM + e);
        events.push({
          id: eventId,
          kind: "record",
          recorder: maker,
          itemIds: [id],
          eventTime: 1_700_000_000 + n + e,
          bizStep: "urn:epcglobal:cbv:bizstep:inspecting",
          disposition: "urn:epcglobal:cbv:disp:active",
          location: `urn:epc:id:sgln:0614141.${n % 1_000}.${e}`,
          evidenceCid: cidOf(`evidence ${n} ${e}`),
          txHash: hex(`item tx ${n} ${e}`),
          recordedAt: timeOf(block),
          blockNumber: block,
        });
        eventItems.push({ eventId, itemId: id, role: "subject", blockNumber: block });
      }
      handOffs.push({
        blockNumber: block,
        logIndex: 1, // the trace api-seed.ts records has its hand-offs at log index 0
        itemId: id,
        fromAccount: maker,
        toAccount: carrier,
        stage: "accepted",
        txHash: hex(`hand-off ${n}`),
        at: timeOf(block),
      });
    }
    for (let i = 0; i < items.length; i += CHUNK / 4) {
      await db.insert(schema.provenanceItems).values(items.slice(i, i + CHUNK / 4));
      await db.insert(schema.custodyTransfers).values(handOffs.slice(i, i + CHUNK / 4));
    }
    for (let i = 0; i < events.length; i += CHUNK) {
      await db.insert(schema.provenanceEvents).values(events.slice(i, i + CHUNK));
      await db.insert(schema.provenanceEventItems).values(eventItems.slice(i, i + CHUNK));
    }
  }
  return itemIds;
}
