import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import { productChanges, recordChanges } from "../../indexer/src/store/index-changes.ts";
import { listings, metadataDocuments, orderLines, provenanceItems, reviews } from "../../indexer/src/store/schema.ts";
import { refreshStorefrontProducts } from "../../indexer/src/store/storefront-products.ts";
import { seedListings } from "../../scripts/bench/api-seed.ts";
import { commitBlock } from "../../scripts/bench/live-index.ts";
import { startTogether } from "../helpers/start-together.ts";
import { startPostgres, type Postgres } from "../indexer/helpers/postgres.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { gql } from "./helpers/graphql.ts";

/** The bound docs/api.md states: a request reads the change log at most this long after another one did. */
const CHANGE_SEEN_WITHIN_MS = 100;
const PRODUCT = "query($id: Bytes32!) { listing(id: $id) { id stock merchant { address } } }";
const MERCHANT_COUNT = "query($m: Address!) { merchant(address: $m) { listings(first: 1) { totalCount } } }";
const REVIEWS = "query($id: Bytes32!) { listing(id: $id) { id reviews { orderId title } } }";
const ITEMS = "query($id: Bytes32!) { listing(id: $id) { id items { id } } }";
const PAGE = `query($id: Bytes32!) {
  listing(id: $id) {
    metadataStatus title description categoryPath attributes { name } media { cid thumbnail { cid } } } }`;
const MERCHANT_LIST =
  "query($m: Address) { listings(filter: { merchant: $m }, orderBy: PRICE_ASC, first: 50) { nodes { id stock } } }";

interface Deployment {
  name: string;
  database: Database;
  urls: string[];
  closes: (() => Promise<void>)[];
}

async function deploy(name: string, location: string, replicas: number): Promise<Deployment> {
  const database = await openDatabase(location);
  await seedListings(database, 300);
  const apis = await Promise.all(Array.from({ length: replicas }, () => startTestApi(database)));
  return { name, database, urls: apis.map((api) => api.graphqlUrl), closes: apis.map((api) => () => api.close()) };
}

describe("the response cache evicts what a batch changed, on every replica, and keeps the rest", () => {
  let postgres: Postgres;
  const deployments: Deployment[] = [];

  before(async () => {
    postgres = await startPostgres();
    await startTogether(
      [
        deploy("PGlite, one API", "memory://", 1),
        deploy("PostgreSQL, two replicas", await postgres.createDatabase(), 2),
      ],
      (started) => deployments.push(...started.flatMap((deployment) => (deployment ? [deployment] : []))),
    );
  });
  after(async () => {
    for (const deployment of deployments) {
      for (const close of deployment.closes) await close();
      await deployment.database.close();
    }
    await postgres?.stop();
  });

  const stockOf = async (url: string, id: string) => (await gql(url, PRODUCT, { id })).data!.listing.stock as string;
  /** What every replica answers for `read`, polled until all agree with `expected` or the bound passes. */
  async function eventually(urls: string[], read: (url: string) => Promise<unknown>, expected: unknown): Promise<void> {
    const deadline = performance.now() + CHANGE_SEEN_WITHIN_MS;
    let answers: unknown[];
    do answers = await Promise.all(urls.map(read));
    while (answers.some((answer) => answer !== expected) && performance.now() < deadline);
    assert.deepEqual(
      answers,
      urls.map(() => expected),
    );
  }

  it("a changed listing is fresh at once on every replica, lists too; an unrelated block keeps the entry", async () => {
    for (const { name, database, urls } of deployments) {
      const [listing, other] = (
        await database.db.execute(sql`select listing_id, merchant from storefront_products order by listing_id limit 2`)
      ).rows as { listing_id: string; merchant: string }[];
      const listStock = async (url: string) =>
        (
          (await gql(url, MERCHANT_LIST, { m: listing.merchant })).data!.listings.nodes as {
            id: string;
            stock: string;
          }[]
        ).find((node) => node.id === listing.listing_id)?.stock;
      const before = await stockOf(urls[0], listing.listing_id);
      // A response is stored from its request's second sighting on a replica.
      for (const url of urls)
        for (const _sighting of [1, 2]) {
          assert.equal(await stockOf(url, listing.listing_id), before);
          await stockOf(url, other.listing_id);
          assert.equal(await listStock(url), before);
        }

      // Written behind the indexer's back (no change logged): only a cached answer still shows the old stock.
      await database.db.execute(
        sql`update storefront_products set remaining = 777 where listing_id = ${listing.listing_id}`,
      );
      await database.db.execute(sql`update listings set remaining = 777 where listing_id = ${listing.listing_id}`);
      for (const url of urls)
        assert.equal(await stockOf(url, listing.listing_id), before, `${name}: answered from the cache`);

      await commitBlock(database, [{ name: "ListingStockSet", args: { listingId: other.listing_id, remaining: 5n } }]);
      await eventually(urls, (url) => stockOf(url, other.listing_id), "5");
      for (const url of urls)
        assert.equal(
          await stockOf(url, listing.listing_id),
          before,
          `${name}: a block that changed another listing keeps this entry`,
        );

      await commitBlock(database, [
        { name: "ListingStockSet", args: { listingId: listing.listing_id, remaining: 9n } },
      ]);
      await eventually(urls, (url) => stockOf(url, listing.listing_id), "9");
      await eventually(urls, listStock, "9");
    }
  });

  it("product rows outlive other products' blocks; a changed product's rows go, on every replica", async () => {
    for (const { name, database, urls } of deployments) {
      // The response cache off: each answer comes through the row cache, which any caller's reads fill.
      const apis = await Promise.all(urls.map(() => startTestApi(database, { RESPONSE_CACHE_MS: "0" })));
      try {
        const rowUrls = apis.map((api) => api.graphqlUrl);
        const [listing, other] = (
          await database.db.execute(sql`select * from storefront_products order by listing_id offset 2 limit 2`)
        ).rows as { listing_id: string; merchant: string; sku: string; remaining: string }[];
        const idOf = async (url: string) =>
          (await gql(url, PRODUCT, { id: listing.listing_id })).data!.listing.id as string;
        for (const url of rowUrls) assert.equal(await stockOf(url, listing.listing_id), listing.remaining);

        // Behind the indexer's back: only a kept row still shows the old stock.
        for (const table of [sql`storefront_products`, sql`listings`])
          await database.db.execute(sql`update ${table} set remaining = 777 where listing_id = ${listing.listing_id}`);
        await commitBlock(database, [
          { name: "ListingStockSet", args: { listingId: other.listing_id, remaining: 6n } },
        ]);
        await eventually(rowUrls, (url) => stockOf(url, other.listing_id), "6");
        for (const url of rowUrls)
          assert.equal(await stockOf(url, listing.listing_id), listing.remaining, `${name}: another product's block`);

        // A new version of the product: the row kept under its old id goes, and the old id finds the new version.
        const [version] = (
          await database.db.execute(sql`select * from listing_versions where id = ${listing.listing_id}`)
        ).rows as Record<string, string>[];
        const newId = `0x${"cd".repeat(31)}${String(rowUrls.length).padStart(2, "0")}`;
        await commitBlock(database, [
          {
            name: "ListingPublished",
            args: {
              listingId: newId,
              supersedes: listing.listing_id,
              listing: {
                merchant: version.merchant,
                sku: BigInt(version.sku),
                version: BigInt(version.version) + 1n,
                metadataCid: version.metadata_cid,
                price: BigInt(version.price),
                token: version.token,
                quantity: 4n,
                maxPerBuyer: 0n,
                validFrom: 0n,
                validUntil: 4_000_000_000n,
                counter: 0n,
              },
            },
          },
        ]);
        await eventually(rowUrls, idOf, newId);
        await eventually(rowUrls, (url) => stockOf(url, listing.listing_id), "4");
      } finally {
        for (const api of apis) await api.close();
      }
    }
  });

  it("merchant rows outlive other merchants' blocks; a changed merchant's row goes, on every replica", async () => {
    const PAYOUT = "query($id: Bytes32!) { listing(id: $id) { merchant { payout } } }";
    const payoutShown = async (url: string, id: string) =>
      ((await gql(url, PAYOUT, { id })).data!.listing.merchant.payout as string).toLowerCase();
    const payoutChanged = (merchant: string, payout: string) => ({
      contract: "MerchantRegistry" as const,
      name: "MerchantPayoutChanged",
      args: { merchant, payout },
    });
    for (const { name, database, urls } of deployments) {
      const apis = await Promise.all(urls.map(() => startTestApi(database, { RESPONSE_CACHE_MS: "0" })));
      try {
        const rowUrls = apis.map((api) => api.graphqlUrl);
        const [kept, other] = (
          await database.db.execute(sql`select distinct on (p.merchant) p.listing_id, p.merchant, m.payout
            from storefront_products p join merchants m on m.address = p.merchant order by p.merchant limit 2`)
        ).rows as { listing_id: string; merchant: string; payout: string }[];
        for (const url of rowUrls) assert.equal(await payoutShown(url, kept.listing_id), kept.payout);

        // Behind the indexer's back: only a kept row still shows the old payout.
        await database.db.execute(sql`update merchants set payout = ${`0x${"77".repeat(20)}`}
          where address = ${kept.merchant}`);
        const otherPayout = `0x${"66".repeat(20)}`;
        await commitBlock(database, [payoutChanged(other.merchant, otherPayout)]);
        await eventually(rowUrls, (url) => payoutShown(url, other.listing_id), otherPayout);
        for (const url of rowUrls)
          assert.equal(await payoutShown(url, kept.listing_id), kept.payout, `${name}: another merchant's block`);

        const newPayout = `0x${"55".repeat(20)}`;
        await commitBlock(database, [payoutChanged(kept.merchant, newPayout)]);
        await eventually(rowUrls, (url) => payoutShown(url, kept.listing_id), newPayout);
      } finally {
        for (const api of apis) await api.close();
      }
    }
  });

  it("a new product reaches every cached list that should hold it, though none held it before", async () => {
    for (const { database, urls } of deployments) {
      const [row] = (await database.db.execute(sql`select * from listing_versions order by id limit 1`)).rows as Record<
        string,
        string
      >[];
      const count = async (url: string) =>
        (await gql(url, MERCHANT_COUNT, { m: row.merchant })).data!.merchant.listings.totalCount as number;
      const before = await count(urls[0]);
      for (const url of urls) for (const _sighting of [1, 2]) assert.equal(await count(url), before);
      const id = `0x${"ab".repeat(31)}${String(urls.length).padStart(2, "0")}`;
      const listing = {
        merchant: row.merchant,
        sku: 1_000_000n,
        version: 1n,
        metadataCid: row.metadata_cid,
        price: BigInt(row.price),
        token: row.token,
        quantity: 5n,
        maxPerBuyer: 0n,
        validFrom: 0n,
        validUntil: 4_000_000_000n,
        counter: 0n,
      };
      await commitBlock(database, [
        { name: "ListingPublished", args: { listingId: id, supersedes: `0x${"00".repeat(32)}`, listing } },
      ]);
      await eventually(urls, count, before + 1);
    }
  });

  it("a review's title reaches every cached product page once its document resolves", async () => {
    for (const { database, urls } of deployments) {
      const [listing] = (
        await database.db.execute(sql`select listing_id, merchant from storefront_products order by listing_id limit 1`)
      ).rows as { listing_id: string; merchant: string }[];
      const reviewCid = `bafkreireview${urls.length}`;
      const titlesOf = async (url: string) =>
        JSON.stringify(
          (
            (await gql(url, REVIEWS, { id: listing.listing_id })).data!.listing.reviews as { title: string | null }[]
          ).map((review) => review.title),
        );
      // What a ReviewPosted batch writes and logs; the review's document is not fetched yet.
      await database.db.transaction(async (tx) => {
        await tx
          .insert(orderLines)
          .values({ orderId: "900001", line: 0, listingId: listing.listing_id, quantity: "1", blockNumber: 1 });
        await tx.insert(reviews).values({
          orderId: "900001",
          buyer: `0x${"b1".repeat(20)}`,
          merchant: listing.merchant,
          rating: 5,
          reviewCid,
          txHash: `0x${"c1".repeat(32)}`,
          postedAt: 1_767_225_600,
          blockNumber: 1,
        });
        await tx.insert(metadataDocuments).values({ cid: reviewCid, kind: "review", status: "PENDING" });
        await recordChanges(tx, [
          { kind: "listing", key: listing.listing_id },
          { kind: "table", key: "reviews" },
        ]);
      });
      await eventually(urls, titlesOf, "[null]");
      for (const url of urls) for (const _sighting of [1, 2]) assert.equal(await titlesOf(url), "[null]");

      // What the metadata resolver writes and logs once the document is fetched.
      await database.db.transaction(async (tx) => {
        await tx
          .update(metadataDocuments)
          .set({ status: "OK", document: { title: "Lovely crema", body: "Chocolatey." }, attempts: 1 })
          .where(sql`cid = ${reviewCid}`);
        await recordChanges(tx, [{ kind: "table", key: "reviews" }]);
      });
      await eventually(urls, titlesOf, JSON.stringify(["Lovely crema"]));
    }
  });

  it("a product page shows a new document's card and text once it resolves, none while it is pending", async () => {
    for (const { database, urls } of deployments) {
      const [product] = (
        await database.db.execute(
          sql`select listing_id, merchant, sku::text as sku from storefront_products
            order by listing_id offset 9 limit 1`,
        )
      ).rows as { listing_id: string; merchant: string; sku: string }[];
      const cid = `bafkreinewdocument${urls.length}`;
      const pageOf = async (url: string) => JSON.stringify((await gql(url, PAGE, { id: product.listing_id })).data);
      for (const url of urls) await pageOf(url);
      // What a batch that points the product at a document not fetched yet writes and logs.
      await database.db.transaction(async (tx) => {
        await tx.insert(metadataDocuments).values({ cid, kind: "listing", status: "PENDING" });
        await tx.update(listings).set({ metadataCid: cid }).where(sql`listing_id = ${product.listing_id}`);
        const changed = await refreshStorefrontProducts(tx, {
          products: [{ merchant: product.merchant, sku: product.sku }],
        });
        await recordChanges(tx, [{ kind: "listing", key: product.listing_id }, ...productChanges(changed)]);
      });
      const pending = {
        metadataStatus: "PENDING",
        title: null,
        description: null,
        categoryPath: [],
        attributes: [],
        media: [],
      };
      await eventually(urls, pageOf, JSON.stringify({ listing: pending }));
      for (const url of urls)
        for (const _sighting of [1, 2]) assert.equal(await pageOf(url), JSON.stringify({ listing: pending }));

      // What the metadata resolver writes and logs once the document is fetched.
      const document = {
        title: "Washed Yirgacheffe",
        description: "Bergamot and jasmine.",
        categoryPath: ["Coffee", "Beans", "Ethiopia"],
        attributes: [{ name: "Process", value: "Washed" }],
        images: [
          {
            cid: "bafkreiimage",
            mediaType: "image/webp",
            width: 1,
            height: 1,
            alt: "",
            thumbnail: { cid: "bafkreithumb", width: 1, height: 1 },
          },
        ],
      };
      await database.db.transaction(async (tx) => {
        await tx.update(metadataDocuments).set({ status: "OK", document, attempts: 1 }).where(sql`cid = ${cid}`);
        const changed = await refreshStorefrontProducts(tx, { metadataCids: [cid] });
        await recordChanges(tx, [{ kind: "listing", key: product.listing_id }, ...productChanges(changed)]);
      });
      const resolved = {
        metadataStatus: "OK",
        title: document.title,
        description: document.description,
        categoryPath: document.categoryPath,
        attributes: [{ name: "Process" }],
        media: [{ cid: "bafkreiimage", thumbnail: { cid: "bafkreithumb" } }],
      };
      await eventually(urls, pageOf, JSON.stringify({ listing: resolved }));
    }
  });

  it("an item registered against a product reaches every cached page listing the product's items", async () => {
    for (const { database, urls } of deployments) {
      const [listing] = (
        await database.db.execute(sql`select listing_id from storefront_products order by listing_id limit 1 offset 5`)
      ).rows as { listing_id: string }[];
      const itemsOf = async (url: string) =>
        ((await gql(url, ITEMS, { id: listing.listing_id })).data!.listing.items as { id: string }[]).length;
      for (const url of urls) for (const _sighting of [1, 2, 3]) assert.equal(await itemsOf(url), 0);
      // What an ItemRegistered batch writes and logs.
      await database.db.transaction(async (tx) => {
        await tx.insert(provenanceItems).values({
          id: `0x${"e1".repeat(31)}${String(urls.length).padStart(2, "0")}`,
          listingId: listing.listing_id,
          quantity: "1",
          epc: "urn:epc:id:sgtin:0614141.107346.1",
          registeredBy: `0x${"a1".repeat(20)}`,
          custodian: `0x${"a1".repeat(20)}`,
          status: "Active",
          registeredBlock: 1,
          registeredAt: 1_767_225_600,
          blockNumber: 1,
        });
        await recordChanges(tx, [{ kind: "item", key: `0x${"e1".repeat(31)}${String(urls.length).padStart(2, "0")}` }]);
      });
      await eventually(urls, itemsOf, 1);
    }
  });
});
