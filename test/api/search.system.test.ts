import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { eq, sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import * as schema from "../../indexer/src/store/schema.ts";
import { refreshStorefrontProducts } from "../../indexer/src/store/storefront-products.ts";
import { generateCatalog, type CatalogListing } from "../../scripts/bench/catalog.ts";
import { listingIdOf, merchantsFor, seedListings } from "../../scripts/bench/api-seed.ts";
import { startTogether } from "../helpers/start-together.ts";
import { startPostgres, type Postgres } from "../indexer/helpers/postgres.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { codeOf, gql } from "./helpers/graphql.ts";

const LISTINGS = 1_500;
const ETHIOPIAN = "埃塞俄比亚咖啡豆";
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+/gu;
const IS_CJK = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+$/u;

/** The catalog as the reference sees it: what each product's search text, filters and sort keys are. */
interface Product {
  id: string;
  listing: CatalogListing;
  words: string[];
  cjk: string[];
  rating: number | null;
  block: number;
}

const searchTextOf = (listing: CatalogListing, title: string) =>
  [title, listing.description, ...listing.categoryPath, "Material", listing.material].join(" ");
const catalog: Product[] = [...generateCatalog(LISTINGS, merchantsFor(LISTINGS))].map((listing) => {
  const text = searchTextOf(listing, listing.index === 0 ? ETHIOPIAN : listing.title);
  const runs = text.match(CJK) ?? [];
  return {
    id: listingIdOf(listing.index),
    listing,
    words: text
      .replace(CJK, " ")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
    cjk: runs.flatMap((run) =>
      [...run].flatMap((character, i, all) => (i < all.length - 1 ? [character, character + all[i + 1]] : [character])),
    ),
    rating: listing.rating ? listing.rating.sum / listing.rating.count : null,
    block: 10 + listing.index,
  };
});

/** The reference rule: every typed piece matches: a word by prefix, a CJK run by its character or each pair. */
function matches(product: Product, typed: string): boolean {
  const pieces =
    typed.match(/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+|[\p{L}\p{N}]+/gu) ?? [];
  return pieces.every((piece) => {
    if (!IS_CJK.test(piece)) return product.words.some((word) => word.startsWith(piece.toLowerCase()));
    const characters = [...piece];
    const needed = characters.length === 1 ? characters : characters.slice(0, -1).map((c, i) => c + characters[i + 1]);
    return needed.every((term) => product.cjk.includes(term));
  });
}

type Filter = { category?: string; maxPrice?: string; inStock?: boolean; minRating?: number; token?: string };
function reference(typed: string, filter: Filter): Product[] {
  return catalog.filter(
    (product) =>
      (!typed || matches(product, typed)) &&
      (!filter.category || product.listing.categoryPath.includes(filter.category)) &&
      (!filter.maxPrice || product.listing.price <= BigInt(filter.maxPrice)) &&
      (!filter.inStock || product.listing.remaining > 0) &&
      (!filter.minRating || (product.rating ?? 0) >= filter.minRating) &&
      (!filter.token || product.listing.token === filter.token),
  );
}

const byId = (a: Product, b: Product) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const SORTS: Record<string, (a: Product, b: Product) => number> = {
  PRICE_ASC: (a, b) => (a.listing.price < b.listing.price ? -1 : a.listing.price > b.listing.price ? 1 : byId(a, b)),
  PRICE_DESC: (a, b) => (a.listing.price > b.listing.price ? -1 : a.listing.price < b.listing.price ? 1 : byId(a, b)),
  NEWEST: (a, b) => b.block - a.block || byId(a, b),
  RATING: (a, b) =>
    a.rating === b.rating ? byId(a, b) : a.rating === null ? 1 : b.rating === null ? -1 : b.rating - a.rating,
};

const SEARCH = `query($s: String, $f: ListingFilter, $o: ListingOrder, $first: Int, $after: String) {
  listings(search: $s, filter: $f, orderBy: $o, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id title }
    facets { categories { category count } prices { token min max count } } } }`;

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
            searchText: searchTextOf(catalog[0].listing, ETHIOPIAN),
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

  const cases: { name: string; s?: string; f?: Filter; o: string }[] = [
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
      const expected = reference(testCase.s ?? "", testCase.f ?? {})
        .sort(SORTS[testCase.o])
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
    assert.deepEqual(new Set(prefix[0].ids), new Set(reference("cof", {}).map((product) => product.id)));
    assert.deepEqual(prefix[0].ids, prefix[1].ids);
  });

  it("counts facets over every match: categories at all three levels and price ranges per token", async () => {
    const expected = reference("coffee", {});
    const categories = new Map<string, number>();
    for (const product of expected)
      for (const category of product.listing.categoryPath)
        categories.set(category, (categories.get(category) ?? 0) + 1);
    for (const api of apis) {
      const { facets } = (await gql(api.url, SEARCH, { s: "coffee", first: 1 })).data!.listings;
      assert.deepEqual(
        new Map(facets.categories.map((c: { category: string; count: number }) => [c.category, c.count])),
        categories,
        api.name,
      );
      for (const range of facets.prices) {
        const priced = expected
          .filter((product) => product.listing.token === range.token.toLowerCase())
          .map((product) => product.listing.price);
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
