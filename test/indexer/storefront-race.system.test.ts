import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { eq, sql } from "drizzle-orm";
import { seedListings } from "../../scripts/bench/api-seed.ts";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import { listings, metadataDocuments } from "../../indexer/src/store/schema.ts";
import { refreshStorefrontProducts, storefrontDrift } from "../../indexer/src/store/storefront-products.ts";
import { startPostgres, type Postgres } from "./helpers/postgres.ts";

const CID = "bafkreidocumentresolvedmeanwhile";
const DOCUMENT = { title: "Natural Sidamo", categoryPath: ["Coffee"], images: [] };

describe("the read model while a batch and the metadata resolver write at once (PostgreSQL)", () => {
  let postgres: Postgres;
  let database: Database;

  before(async () => {
    postgres = await startPostgres();
    database = await openDatabase(await postgres.createDatabase());
    await seedListings(database, 20);
    await database.db.insert(metadataDocuments).values({ cid: CID, kind: "listing", status: "PENDING" });
  });
  after(async () => {
    await database?.close();
    await postgres?.stop();
  });

  it("a product pointed at a document while the resolver marks it OK gets the resolved document's row", async () => {
    const [product] = (
      await database.db.execute(
        sql`select listing_id, merchant, sku::text as sku from storefront_products order by listing_id limit 1`,
      )
    ).rows as { listing_id: string; merchant: string; sku: string }[];
    // The resolver's transaction: the document marked OK and its products' rows rewritten (none names it yet), open.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let rewritten!: () => void;
    const rewriteDone = new Promise<void>((resolve) => (rewritten = resolve));
    const resolving = database.db.transaction(async (tx) => {
      await tx
        .update(metadataDocuments)
        .set({ status: "OK", document: DOCUMENT })
        .where(eq(metadataDocuments.cid, CID));
      await refreshStorefrontProducts(tx, { metadataCids: [CID] });
      rewritten();
      await released;
    });
    await rewriteDone;
    // A batch pointing the product at that document meanwhile.
    const pointing = database.db.transaction(async (tx) => {
      await tx.update(listings).set({ metadataCid: CID }).where(eq(listings.listingId, product.listing_id));
      await refreshStorefrontProducts(tx, { products: [{ merchant: product.merchant, sku: product.sku }] });
    });
    const beforeResolverCommits = await Promise.race([
      pointing.then(() => "committed"),
      sleep(500).then(() => "waits"),
    ]);
    release();
    await Promise.all([resolving, pointing]);

    const [row] = (
      await database.db.execute(
        sql`select metadata_status, title from storefront_products where listing_id = ${product.listing_id}`,
      )
    ).rows as { metadata_status: string; title: string | null }[];
    assert.deepEqual(row, { metadata_status: "OK", title: DOCUMENT.title });
    assert.deepEqual(await storefrontDrift(database.db), []);
    assert.equal(beforeResolverCommits, "waits", "the batch waits for the resolver's transaction");
  });
});
