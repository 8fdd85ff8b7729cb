// A chain that keeps producing blocks, as the API sees it: once a second the indexer's own applyBatch commits
// a block with a few listing changes (stock set on three random listings, a new version of one, with a new
// price), through the same handlers, undo log and cursor as real events.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Hex } from "viem";
import type { Database } from "../../indexer/src/store/db.ts";
import type { ChainEvent } from "../../indexer/src/handlers/types.ts";
import { listingVersions } from "../../indexer/src/store/schema.ts";
import { readCursor } from "../../indexer/src/store/sync-state.ts";
import { applyBatch } from "../../indexer/src/sync/apply.ts";
import { randomSource } from "./catalog.ts";

const BLOCK_MS = 1_000;
const STOCK_CHANGES_PER_BLOCK = 3;
const hash = (seed: string) => `0x${createHash("sha256").update(seed).digest("hex")}` as Hex;

/** An event to commit: its name and arguments as decoded from a log, of the ListingRegistry unless `contract` says. */
export interface ListingEvent {
  contract?: ChainEvent["contract"];
  name: string;
  args: Record<string, unknown>;
}

/** Commits one block after the indexer's cursor holding `events`, through applyBatch, as the indexer would. */
export async function commitBlock(database: Database, events: ListingEvent[]): Promise<void> {
  const cursor = (await readCursor(database.db))!;
  const number = cursor.block + 1;
  const header = {
    number,
    hash: hash(`live block ${number}`),
    parentHash: cursor.hash as Hex,
    timestamp: 1_767_225_600 + 2 * number,
  };
  const chainEvents: ChainEvent[] = events.map((event, logIndex) => ({
    contract: event.contract ?? "ListingRegistry",
    name: event.name,
    args: event.args,
    blockNumber: number,
    blockHash: header.hash,
    blockTimestamp: header.timestamp,
    logIndex,
    txHash: hash(`live tx ${number} ${logIndex}`),
  }));
  await applyBatch(database.db, {
    chainId: cursor.chainId,
    events: chainEvents,
    head: header,
    headers: [header],
    finalizedThrough: number - 64,
  });
}

/** Starts committing a block every second over the seeded `listingIds`; `stop` resolves once the last block is in. */
export async function startLiveIndex(database: Database, listingIds: string[]) {
  const random = randomSource(23);
  let blocks = 0;
  let stopped = false;
  const current = new Map<string, string>(); // listing id -> id of its newest version, once a version was published

  const produce = async () => {
    const number = (await readCursor(database.db))!.block + 1;
    const events: ListingEvent[] = [];
    for (let i = 0; i < STOCK_CHANGES_PER_BLOCK; i++) {
      const listing = listingIds[Math.floor(random() * listingIds.length)];
      events.push({
        name: "ListingStockSet",
        args: { listingId: current.get(listing) ?? listing, remaining: BigInt(Math.floor(random() * 50)) },
      });
    }
    const product = listingIds[Math.floor(random() * listingIds.length)];
    const version = await newVersion(database, current.get(product) ?? product, number, random);
    if (version) {
      events.push({ name: "ListingPublished", args: version.args });
      current.set(product, version.id);
    }
    await commitBlock(database, events);
    blocks += 1;
  };

  let running = Promise.resolve();
  const timer = setInterval(() => {
    if (!stopped) running = running.then(produce);
  }, BLOCK_MS);
  return {
    blocks: () => blocks,
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** The ListingPublished arguments of a next version of listing `id` (same product, new price), if it is current. */
async function newVersion(database: Database, id: string, block: number, random: () => number) {
  const [row] = await database.db.select().from(listingVersions).where(eq(listingVersions.id, id));
  if (row?.status !== "Active") return undefined;
  const nextId = hash(`live version ${block}`);
  const price = (BigInt(row.price) * BigInt(80 + Math.floor(random() * 40))) / 100n;
  const listing = {
    merchant: row.merchant,
    sku: BigInt(row.sku),
    version: BigInt(row.version) + 1n,
    metadataCid: row.metadataCid,
    price,
    token: row.token,
    quantity: BigInt(row.quantity),
    maxPerBuyer: BigInt(row.maxPerBuyer),
    validFrom: BigInt(row.validFrom),
    validUntil: BigInt(row.validUntil),
    counter: BigInt(row.counter),
  };
  return { id: nextId, args: { listingId: nextId, supersedes: id, listing } };
}
