import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { pino } from "pino";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import * as schema from "../../indexer/src/store/schema.ts";
import { refreshStorefrontProducts } from "../../indexer/src/store/storefront-products.ts";
import { generateCatalog, type CatalogListing } from "../../scripts/bench/catalog.ts";
import { listingIdOf, merchantsFor, seedListings } from "../../scripts/bench/api-seed.ts";
import { startTogether } from "../helpers/start-together.ts";
import { startPostgres, type Postgres } from "../indexer/helpers/postgres.ts";
import { startTestApi } from "./helpers/api-server.ts";
import type { ApiConfig } from "../../api/src/config.ts";
import {
  categoryCounts,
  REFERENCE_ORDERS,
  reference,
  type ReferenceFilter,
  type ReferenceProduct,
  referenceProduct,
} from "./helpers/search-reference.ts";
import { codeOf, gql } from "./helpers/graphql.ts";

const LISTINGS = 1_500;
const ETHIOPIAN = "埃塞俄比亚咖啡豆";
const searchTextOf = (listing: CatalogListing, title: string) =>
  [title, listing.description, ...listing.categoryPath, "Material", listing.material].join(" ");
const listings = [...generateCatalog(LISTINGS, merchantsFor(LISTINGS))];
const catalog: ReferenceProduct[] = listings.map((listing) =>
  referenceProduct(
    {
      id: listingIdOf(listing.index),
      merchant: "",
      token: listing.token,
      price: listing.price,
      inStock: listing.remaining > 0,
      categoryPath: listing.categoryPath,
      rating: listing.rating ? listing.rating.sum / listing.rating.count : null,
      block: 10 + listing.index,
    },
    searchTextOf(listing, listing.index === 0 ? ETHIOPIAN : listing.title),
  ),
);

const SEARCH = `query($s: String, $f: ListingFilter, $o: ListingOrder, $first: Int, $after: String) {
  listings(search: $s, filter: $f, orderBy: $o, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id title }
    facets { exact categories { category count } prices { token min max count } } } }`;

describe("storefront search over the read model, against a brute-force reference, on PGlite and PostgreSQL", () => {
  let postgres: Postgres;
  const apis: { name: string; url: string; close(): Promise<void>; database: Database }[] = [];

  before(async () => {
    postgres = await startPostgres();
    await startTogether(
      [openDatabase("memory://"), openDatabase(await postgres.createDatabase())].map(async (opening, i) => {
        const database = await opening;
        await seedListings(database, LISTINGS);
        // The first product gets a Chinese title through its document, as the resolver would record it.
        const [first] = await database.db
          .select()
          .from(schema.listings)
          .where(eq(schema.listings.listingId, listingIdOf(0)));
        await database.db
          .update(schema.metadataDocuments)
          .set({
            document: sql`jsonb_set(document, '{title}', ${JSON.stringify(ETHIOPIAN)}::jsonb)`,
            searchText: searchTextOf(listings[0], ETHIOPIAN),
          })
          .where(eq(schema.metadataDocuments.cid, first.metadataCid));
        await refreshStorefrontProducts(database.db, { metadataCids: [first.metadataCid] });
        const api = await startTestApi(database);
        return { name: i === 0 ? "PGlite" : "PostgreSQL", url: api.graphqlUrl, close: () => api.close(), database };
      }),
      (started) => apis.push(...started.flatMap((api) => (api ? [api] : []))),
    );
  });
  after(async () => {
    for (const api of apis) {
      await api.close();
      await api.database.close();
    }
    await postgres?.stop();
  });

  /** Every page of a search, `first` rows at a time, following endCursor. */
  async function allPages(url: string, variables: Record<string, unknown>, first: number) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    for (let page = 0; page < 1_000; page++) {
      const result: Awaited<ReturnType<typeof gql<Record<string, any>>>> = await gql(url, SEARCH, {
        ...variables,
        first,
        after: cursor,
      });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const connection = result.data!.listings;
      assert.equal(connection.pageInfo.hasPreviousPage, cursor !== null);
      ids.push(...connection.nodes.map((node: { id: string }) => node.id));
      total = connection.totalCount;
      if (!connection.pageInfo.hasNextPage) break;
      cursor = connection.pageInfo.endCursor;
    }
    return { ids, total };
  }

  const cases: { name: string; s?: string; f?: ReferenceFilter; o: string }[] = [
    { name: "as-you-type prefix 'cof'", s: "cof", o: "PRICE_ASC" },
    { name: "Chinese '咖啡' inside a longer title", s: "咖啡", o: "NEWEST" },
    { name: "one Chinese character", s: "茶", o: "PRICE_DESC" },
    {
      name: "two words, in stock, under a price",
      s: "organic tea",
      f: { inStock: true, maxPrice: (80n * 10n ** 18n).toString() },
      o: "PRICE_ASC",
    },
    { name: "a category browsed by rating", f: { category: "Coffee" }, o: "RATING" },
    { name: "a top category, rated 4 and up, newest first", f: { category: "Food", minRating: 4 }, o: "NEWEST" },
    {
      name: "a token's listings by price",
      f: { token: "0x5fbdb2315678afecb367f032d93f642f64180aa3", category: "Classic" },
      o: "PRICE_DESC",
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.name}: every page, in order, equals the reference`, async () => {
      const expected = reference(catalog, testCase.s ?? "", testCase.f ?? {})
        .sort(REFERENCE_ORDERS[testCase.o])
        .map((product) => product.id);
      assert.ok(expected.length > 0, "the case selects something");
      for (const api of apis) {
        const { ids, total } = await allPages(api.url, { s: testCase.s, f: testCase.f, o: testCase.o }, 7);
        assert.deepEqual(ids, expected, api.name);
        assert.equal(total, expected.length, `${api.name} totalCount`);
      }
    });
  }

  it("finds 埃塞俄比亚咖啡豆 by 咖啡 and coffee by 'cof', ranked the same on both databases", async () => {
    const [pglite, postgresql] = await Promise.all(apis.map((api) => allPages(api.url, { s: "咖啡" }, 20)));
    assert.ok(pglite.ids.includes(listingIdOf(0)));
    assert.deepEqual(pglite.ids, postgresql.ids, "relevance order");
    const prefix = await Promise.all(apis.map((api) => allPages(api.url, { s: "cof" }, 50)));
    assert.deepEqual(new Set(prefix[0].ids), new Set(reference(catalog, "cof", {}).map((product) => product.id)));
    assert.deepEqual(prefix[0].ids, prefix[1].ids);
  });

  it("counts facets over every match: categories at all three levels and price ranges per token", async () => {
    const expected = reference(catalog, "coffee", {});
    const categories = categoryCounts(expected);
    for (const api of apis) {
      const { facets } = (await gql(api.url, SEARCH, { s: "coffee", first: 1 })).data!.listings;
      assert.equal(facets.exact, true, "a search of fewer than 10,000 matches counts every one");
      assert.deepEqual(
        new Map(facets.categories.map((c: { category: string; count: number }) => [c.category, c.count])),
        categories,
        api.name,
      );
      for (const range of facets.prices) {
        const priced = expected
          .filter((product) => product.token === range.token.toLowerCase())
          .map((product) => product.price);
        assert.equal(range.count, priced.length);
        assert.equal(
          BigInt(range.min),
          priced.reduce((a, b) => (a < b ? a : b)),
        );
        assert.equal(
          BigInt(range.max),
          priced.reduce((a, b) => (a > b ? a : b)),
        );
      }
    }
  });

  it("answers searches that arrive while the replica's index is still loading, once it has loaded", async () => {
    const { CatalogSearch } = await import("../../api/dist/listings/catalog/catalog-search.js");
    const { IndexChanges } = await import("../../api/dist/common/index-changes.js");
    const logger = pino({ level: "silent" });
    const changes = new IndexChanges(apis[0].database, logger);
    const search = new CatalogSearch({ catalogHeapMiB: 1_024 } as ApiConfig, apis[0].database, changes, logger);
    const query = { pieces: [], filter: {}, orderBy: "NEWEST" as const, limit: 3 };
    try {
      assert.equal(search.loaded, false);
      const pages = await Promise.all([search.search(query), search.search(query), search.search(query)]);
      for (const page of pages) assert.equal(page.total, LISTINGS);
      assert.equal(search.loaded, true);
    } finally {
      await search.onApplicationShutdown();
    }
  });

  it("loads a replica's index in the background, retrying until the database answers", async () => {
    const { CatalogSearch } = await import("../../api/dist/listings/catalog/catalog-search.js");
    const { IndexChanges } = await import("../../api/dist/common/index-changes.js");
    const logger = pino({ level: "silent" });
    const { database } = apis[0];
    const changes = new IndexChanges(database, logger);
    const search = new CatalogSearch({ catalogHeapMiB: 1_024 } as ApiConfig, database, changes, logger);
    // As a database not migrated yet: the table the index loads from is missing when the replica starts.
    await database.db.execute(sql`alter table storefront_products rename to storefront_products_away`);
    try {
      search.onApplicationBootstrap();
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(search.loaded, false);
    } finally {
      await database.db.execute(sql`alter table storefront_products_away rename to storefront_products`);
    }
    try {
      for (let waited = 0; !search.loaded && waited < 5_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(search.loaded, true, "loaded by a retry, with no search asking for it");
    } finally {
      await search.onApplicationShutdown();
    }
  });

  it("answers product pages again after a statement failed on a missing table (named on PostgreSQL)", async () => {
    const page = "query($id: Bytes32!) { listing(id: $id) { id versions { version } reviews { rating } } }";
    const listingId = async (database: Database, offset: number) => {
      const { rows } = await database.db.execute(
        sql`select listing_id from storefront_products order by listing_id limit 1 offset ${offset}`,
      );
      return (rows[0] as { listing_id: string }).listing_id;
    };
    for (const { name, url, database } of apis) {
      const id = await listingId(database, 2);
      assert.equal((await gql(url, page, { id })).data!.listing.id, id, `${name}: statements prepared`);
      await database.db.execute(sql`alter table listing_versions rename to listing_versions_away`);
      try {
        assert.equal(codeOf(await gql(url, page, { id: await listingId(database, 0) })), "INTERNAL_SERVER_ERROR", name);
      } finally {
        await database.db.execute(sql`alter table listing_versions_away rename to listing_versions`);
      }
      const fresh = await listingId(database, 1);
      const answer = await gql(url, page, { id: fresh });
      assert.equal(answer.data?.listing.id, fresh, `${name}: ${JSON.stringify(answer.errors)}`);
      assert.ok(answer.data!.listing.versions.length > 0);
    }
  });

  it("refuses a cursor of another order or a forged one, naming `after`", async () => {
    const first = await gql(apis[0].url, SEARCH, { s: "tea", o: "PRICE_ASC", first: 2 });
    const cursor = first.data!.listings.pageInfo.endCursor;
    for (const after of [
      cursor,
      Buffer.from('{"o":"PRICE_DESC","k":"1; drop table x","id":"0x00"}').toString("base64url"),
      "not-a-cursor",
    ]) {
      const result = await gql(apis[0].url, SEARCH, { s: "tea", o: "PRICE_DESC", first: 2, after });
      assert.equal(codeOf(result), "BAD_USER_INPUT");
      assert.match(result.errors![0].message, /^after: /);
    }
  });
});
