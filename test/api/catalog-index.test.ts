import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CatalogProduct, CatalogIndex, FACET_SAMPLE } from "../../api/src/listings/catalog/catalog-index.ts";
import { queryPieces } from "../../api/src/listings/catalog/terms.ts";
import type { ListingOrder, SearchCursor } from "../../api/src/listings/listing-search.ts";
import { type CatalogListing, generateCatalog, randomSource, TOKENS } from "../../scripts/bench/catalog.ts";
import { requestMix } from "../../scripts/bench/request-mix.ts";
import {
  categoryCounts,
  REFERENCE_ORDERS,
  type ReferenceFilter,
  type ReferenceProduct,
  reference,
  referenceProduct,
  relevanceOrder,
} from "./helpers/search-reference.ts";

const id = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

function productOf(listing: CatalogListing, n = listing.index): CatalogProduct {
  return {
    id: id(n),
    key: `0xmerchant${listing.merchantIndex}:${listing.index}`,
    merchant: `0xmerchant${listing.merchantIndex}`,
    token: listing.token,
    price: listing.price.toString(),
    inStock: listing.remaining > 0,
    publishedBlock: 10 + (n % 5_000),
    categoryPath: listing.categoryPath,
    searchText: [listing.title, listing.description, ...listing.categoryPath, listing.material].join(" "),
    rating: listing.rating ? listing.rating.sum / listing.rating.count : null,
  };
}

const referenceOf = (product: CatalogProduct): ReferenceProduct =>
  referenceProduct(
    {
      id: product.id,
      merchant: product.merchant,
      token: product.token,
      price: BigInt(product.price),
      inStock: product.inStock,
      categoryPath: product.categoryPath,
      rating: product.rating,
      block: product.publishedBlock,
    },
    product.searchText,
  );

/** The searches of the benchmark's request mix: words, prefixes, Chinese, categories, price caps, sorts. */
const searches = requestMix(450, [id(0)], 5)
  .map((body) => JSON.parse(body).variables)
  .filter((variables) => "o" in variables)
  .map(({ s, f, o }) => ({ text: (s ?? "") as string, filter: f as ReferenceFilter, orderBy: o as ListingOrder }))
  .concat(
    ["", "tea", "org"].map((text, i) => ({
      text,
      filter: { merchant: `0xmerchant${i}`, inStock: i === 1 ? false : undefined },
      orderBy: "PRICE_DESC" as ListingOrder,
    })),
  );

/** Every page of a search, `limit` rows at a time, as a client follows the cursors. */
function allPages(index: CatalogIndex, search: (typeof searches)[number], limit: number) {
  const ids: string[] = [];
  let after: SearchCursor | undefined;
  for (;;) {
    const page = index.search({
      pieces: queryPieces(search.text),
      filter: search.filter,
      orderBy: search.orderBy,
      limit,
      after,
    });
    ids.push(...page.rows.slice(0, limit).map((row) => row.id));
    if (page.rows.length <= limit) return { ids, page };
    after = page.rows[limit - 1].cursor;
  }
}

function assertAnswers(index: CatalogIndex, products: Map<string, CatalogProduct>, among = searches) {
  const catalog = [...products.values()].map(referenceOf);
  for (const search of among) {
    const expected = reference(catalog, search.text, search.filter);
    const { ids, page } = allPages(index, search, 40);
    const label = JSON.stringify(search);
    assert.equal(page.total, expected.length, `${label}: total`);
    const order = search.orderBy === "RELEVANCE" && queryPieces(search.text).length === 0 ? "NEWEST" : search.orderBy;
    const compare = order === "RELEVANCE" ? relevanceOrder(search.text) : REFERENCE_ORDERS[order];
    assert.deepEqual(
      ids,
      expected.sort(compare).map((product) => product.id),
      label,
    );
    assert.equal(ids.length, new Set(ids).size, `${label}: no row twice`);
    assert.equal(page.facetsExact, true);
    assert.deepEqual(new Map(page.categories.map((c) => [c.category, c.count])), categoryCounts(expected), label);
  }
}

describe("the in-memory catalog index, against a brute-force reference", () => {
  const listings = [...generateCatalog(3_000, 30, 3)];
  const products = new Map(listings.map((listing) => [productOf(listing).key, productOf(listing)]));

  it("answers the benchmark's searches page by page as the reference does, after bulk loading", () => {
    assertAnswers(CatalogIndex.of(products.values()), products);
  });

  it("stays exact through changed, removed and returning products", () => {
    const index = CatalogIndex.of(products.values());
    const random = randomSource(9);
    const pick = () => listings[Math.floor(random() * listings.length)];
    let version = listings.length;
    // One-word relevance searches between the changes: a popular word's ranked postings, then entries added after.
    const oneWord = searches.filter((search) => search.orderBy === "RELEVANCE" && /^[a-z]+$/.test(search.text));
    for (let step = 0; step < 1_500; step++) {
      if (step % 300 === 0) assertAnswers(index, products, oneWord.slice(0, 12));
      const listing = pick();
      const key = productOf(listing).key;
      if (random() < 0.2) {
        index.delete(key);
        products.delete(key);
        continue;
      }
      const other = pick();
      const changed: CatalogProduct = {
        ...productOf(listing, version++),
        price: (BigInt(products.get(key)?.price ?? "0") + BigInt(Math.floor(random() * 2))).toString(),
        inStock: random() < 0.8,
        rating: random() < 0.5 ? 1 + Math.floor(random() * 5) : null,
        searchText: random() < 0.3 ? productOf(other).searchText : productOf(listing).searchText,
        categoryPath: random() < 0.3 ? other.categoryPath : listing.categoryPath,
        token: TOKENS[Math.floor(random() * TOKENS.length)],
      };
      index.put(changed);
      products.set(key, changed);
    }
    assertAnswers(index, products);
  });

  it("keeps exactly the products within a price band or above a rating, bounds equal to listed prices included", () => {
    const index = CatalogIndex.of(products.values());
    const random = randomSource(13);
    const prices = listings.map((listing) => listing.price.toString());
    const price = () => prices[Math.floor(random() * prices.length)];
    const bands = Array.from({ length: 40 }, (_, i) => {
      const [low, high] = [price(), price()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      const filter: ReferenceFilter =
        i % 4 === 0 ? { minPrice: low } : i % 4 === 1 ? { maxPrice: high } : { minPrice: low, maxPrice: high };
      if (i % 3 === 0) filter.minRating = 1 + random() * 4;
      return { text: i % 2 ? "" : "tea", filter, orderBy: (i % 2 ? "PRICE_ASC" : "RELEVANCE") as ListingOrder };
    });
    assertAnswers(index, products, bands);
    for (const listing of listings.slice(0, 300)) {
      // Half the changes keep the listing id (a stock or rating change), half are new versions.
      const next = productOf(listing, 100_000 + listing.index);
      const id = listing.index % 2 ? (products.get(next.key)?.id ?? next.id) : next.id;
      const changed = { ...next, id, price: price(), rating: random() * 5 };
      index.put(changed);
      products.set(changed.key, changed);
    }
    assertAnswers(index, products, bands);
  });

  it("counts a broad search's facets from a sample and says so; its total and per-token counts stay exact", () => {
    const many = [...generateCatalog(4 * FACET_SAMPLE, 100, 4)].map((listing) => productOf(listing));
    const page = CatalogIndex.of(many).search({ pieces: [], filter: {}, orderBy: "RELEVANCE", limit: 20 });
    assert.equal(page.total, many.length);
    assert.equal(page.facetsExact, false);
    for (const range of page.prices)
      assert.equal(range.count, many.filter((product) => product.token === range.token).length, range.token);
    const exact = categoryCounts(many.map(referenceOf));
    for (const { category, count } of page.categories.filter((c) => (exact.get(c.category) ?? 0) > 2_000))
      assert.ok(Math.abs(count - exact.get(category)!) / exact.get(category)! < 0.1, `${category}: ${count}`);
  });
});
