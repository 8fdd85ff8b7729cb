// Seeds the indexer tables straight (no chain) with a generated catalog (scripts/bench/catalog.ts): one
// merchant per 100 listings (at least 50), their listings with metadata documents and ratings, one provenance
// trace, and the orders and items of scripts/bench/activity-seed.ts; what bench:api loads the API with.
import { sql } from "drizzle-orm";
import type { Database } from "../../indexer/src/store/db.ts";
import * as schema from "../../indexer/src/store/schema.ts";
import { rebuildStorefrontProducts } from "../../indexer/src/store/storefront-products.ts";
import { seedActivity } from "./activity-seed.ts";
import { generateCatalog } from "./catalog.ts";
import { cidOf, hex, timeOf } from "./seed-values.ts";

const CHUNK = 1_000;
export const merchantsFor = (listings: number) => Math.max(50, Math.round(listings / 100));
/** The listing id of catalog entry `index`. */
export const listingIdOf = (index: number) => hex(`listing ${index}`);

/**
 * Seeds `count` listings and their activity; returns every listing id, the merchants, the orders and items seeded,
 * and a listing and a provenance item to query.
 */
export async function seedListings(database: Database, count: number, onProgress?: (seeded: number) => void) {
  const db = database.db;
  const merchants = Array.from({ length: merchantsFor(count) }, (_, i) => hex(`merchant ${i}`, 20));
  for (let start = 0; start < merchants.length; start += CHUNK) {
    await db.insert(schema.merchants).values(
      merchants.slice(start, start + CHUNK).map((address, i) => ({
        address,
        status: "Approved",
        payout: address,
        signer: null,
        counter: "0",
        profileCid: cidOf(`profile ${start + i}`),
        appliedBlock: 1,
        appliedAt: timeOf(1),
        blockNumber: 1,
      })),
    );
  }
  const listingIds: string[] = [];
  const merchantOf = new Int32Array(count);
  let versions: (typeof schema.listingVersions.$inferInsert)[] = [];
  let products: (typeof schema.listings.$inferInsert)[] = [];
  let documents: (typeof schema.metadataDocuments.$inferInsert)[] = [];
  let ratings: (typeof schema.ratingAggregates.$inferInsert)[] = [];
  const flush = async () => {
    await db.insert(schema.listingVersions).values(versions);
    await db.insert(schema.listings).values(products);
    await db.insert(schema.metadataDocuments).values(documents);
    if (ratings.length) await db.insert(schema.ratingAggregates).values(ratings);
    [versions, products, documents, ratings] = [[], [], [], []];
    onProgress?.(listingIds.length);
  };
  for (const listing of generateCatalog(count, merchants.length)) {
    const i = listing.index;
    const merchant = merchants[listing.merchantIndex];
    merchantOf[i] = listing.merchantIndex;
    const id = listingIdOf(i);
    listingIds.push(id);
    const metadataCid = cidOf(`metadata ${i}`);
    const [price, token, remaining, quantity] = [
      listing.price.toString(),
      listing.token,
      String(listing.remaining),
      String(listing.quantity),
    ];
    const block = 10 + i;
    versions.push({
      id,
      merchant,
      sku: String(i),
      version: "1",
      metadataCid,
      price,
      token,
      quantity,
      remaining,
      validFrom: 0,
      validUntil: 4_000_000_000,
      counter: "0",
      status: "Active",
      supersedes: null,
      publishedBlock: block,
      publishedAt: timeOf(block),
      txHash: hex(`tx ${i}`),
      blockNumber: block,
    });
    products.push({
      merchant,
      sku: String(i),
      listingId: id,
      version: "1",
      metadataCid,
      price,
      token,
      remaining,
      status: "Active",
      blockNumber: block,
    });
    const attributes = [{ name: "Material", value: listing.material }];
    const document = {
      schema: "commerce-ledger/listing@1",
      title: listing.title,
      description: listing.description,
      categoryPath: listing.categoryPath,
      attributes,
      images: [
        {
          cid: cidOf(`image ${i}`),
          mediaType: "image/webp",
          width: 800,
          height: 800,
          bytes: 40_000,
          alt: listing.title,
          thumbnail: { cid: cidOf(`thumb ${i}`), width: 200, height: 200 },
        },
      ],
      shippingRegions: ["DE", "FR", "CN"],
    };
    documents.push({
      cid: metadataCid,
      kind: "listing",
      status: "OK",
      attempts: 1,
      nextAttemptAt: 0,
      error: null,
      document,
      searchText: [listing.title, listing.description, ...listing.categoryPath, "Material", listing.material].join(" "),
    });
    if (listing.rating)
      ratings.push({
        subjectType: "listing",
        subject: id,
        reviewCount: listing.rating.count,
        ratingSum: listing.rating.sum,
        blockNumber: block,
      });
    if (versions.length === CHUNK) await flush();
  }
  if (versions.length) await flush();
  // A provenance trace: an item with 20 recorded events (one corrected), a container, two hand-offs.
  const itemId = hex("bench item");
  const containerId = hex("bench container");
  const listingId = listingIds[0];
  await db.insert(schema.provenanceItems).values([
    {
      id: itemId,
      listingId,
      quantity: "10",
      epc: "urn:epc:id:sgtin:0614141.107346.1",
      registeredBy: merchants[0],
      custodian: merchants[1],
      pendingCustodian: null,
      containerId: null,
      status: "Active",
      registeredBlock: 20_000,
      registeredAt: timeOf(20_000),
      blockNumber: 20_100,
    },
    {
      id: containerId,
      listingId: hex("none"),
      quantity: "1",
      epc: "urn:epc:id:sscc:0614141.1",
      registeredBy: merchants[0],
      custodian: merchants[1],
      pendingCustodian: null,
      containerId: null,
      status: "Active",
      registeredBlock: 20_001,
      registeredAt: timeOf(20_001),
      blockNumber: 20_100,
    },
  ]);
  const events = Array.from({ length: 20 }, (_, i) => ({
    id: String(i + 1),
    kind: i === 19 ? "correction" : "record",
    recorder: merchants[0],
    corrects: i === 19 ? "5" : null,
    itemIds: [itemId],
    outputIds: null,
    eventTime: 1_700_000_000 + i,
    bizStep: "urn:epcglobal:cbv:bizstep:inspecting",
    disposition: "urn:epcglobal:cbv:disp:active",
    location: `urn:epc:id:sgln:0614141.0000${i}.0`,
    evidenceCid: cidOf(`evidence ${i}`),
    txHash: hex(`ptx ${i}`),
    blockNumber: 20_002 + i,
    recordedAt: timeOf(20_002 + i),
  }));
  await db.insert(schema.provenanceEvents).values(events);
  await db
    .insert(schema.provenanceEventItems)
    .values(events.map((event) => ({ eventId: event.id, itemId, role: "subject", blockNumber: event.blockNumber })));
  await db.insert(schema.aggregationLinks).values([
    {
      blockNumber: 20_030,
      logIndex: 0,
      childId: itemId,
      containerId,
      action: "aggregated",
      orderId: "1",
      custodian: merchants[0],
      txHash: hex("agg"),
      at: timeOf(20_030),
    },
    {
      blockNumber: 20_040,
      logIndex: 0,
      childId: itemId,
      containerId,
      action: "disaggregated",
      orderId: null,
      custodian: merchants[1],
      txHash: hex("dis"),
      at: timeOf(20_040),
    },
  ]);
  await db.insert(schema.custodyTransfers).values([
    {
      blockNumber: 20_031,
      logIndex: 0,
      itemId,
      fromAccount: merchants[0],
      toAccount: merchants[1],
      stage: "initiated",
      txHash: hex("c1"),
      at: timeOf(20_031),
    },
    {
      blockNumber: 20_032,
      logIndex: 0,
      itemId,
      fromAccount: merchants[0],
      toAccount: merchants[1],
      stage: "accepted",
      txHash: hex("c2"),
      at: timeOf(20_032),
    },
  ]);
  const activity = await seedActivity(database, { listingIds, merchants, merchantOf, firstBlock: 10 + count });
  await db
    .insert(schema.syncState)
    .values({ id: 1, chainId: 31337, cursorBlock: Math.max(20_100, activity.lastBlock), cursorHash: hex("head") });
  await rebuildStorefrontProducts(db);
  // The tables as autovacuum leaves them after a bulk load (PGlite runs none): statistics, without which the planner
  // picks nested loops over 10,000 rows, and the visibility map and hint bits set, so the measured run's first reads
  // do not write them (1M straight after seeding: 257 req/s; the same database once autovacuum had run: 377–458).
  if (process.env.BENCH_ANALYZE !== "false") await db.execute(sql`vacuum analyze`);
  return { listingIds, merchants, activity, listingId, itemId };
}

/**
 * The queries bench:api measures, over the seeded listing and item: a search page, a detail, a trace, and a trivial
 * baseline.
 */
export function benchQueries(ids: {
  listingId: string;
  itemId: string;
}): Record<string, { query: string; variables?: Record<string, unknown> }> {
  return {
    search: {
      query: `query($s: String) { listings(search: $s, filter: { inStock: true }, orderBy: RELEVANCE, first: 20) {
        totalCount pageInfo { hasNextPage endCursor }
        facets { categories { category count } prices { token min max count } }
        nodes { id title price token stock rating { count average } media { url } merchant { address } } } }`,
      variables: { s: "coffee" },
    },
    detail: {
      query: `query($id: Bytes32!) {
        listing(id: $id) { id title description attributes { name value } price stock metadataStatus
        versions { version price status txHash } reviews { rating } merchant { address status }
        media { url thumbnail { url } } } }`,
      variables: { id: ids.listingId },
    },
    provenance: {
      query: `query($id: Bytes32!) { provenance(itemId: $id) { item { epc status custodian }
        events { id kind bizStep location txHash blockNumber evidenceUrl corrections { id location } }
        custody { from to stage txHash } containers { containerId action orderId } madeFrom { id }
        attestations { auditor } } }`,
      variables: { id: ids.itemId },
    },
    baseline: { query: "{ __typename }" },
  };
}
