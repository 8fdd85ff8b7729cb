import type { ListingFilter, ListingOrder, SearchCursor, SearchPage } from "../listing-search.ts";
import { Bitset } from "./bitset.ts";
import { firstIndexWhere } from "./first-index.ts";
import { impactOrder, type Posting } from "./impact-order.ts";
import { compareDecimal, compareStrings, orderOf, type SortKey } from "./orders.ts";
import { RangeSets } from "./range-sets.ts";
import { SortedDocs } from "./sorted-docs.ts";
import { documentTerms, type QueryPiece } from "./terms.ts";

/** A live product as search sees it: a row of the indexer's storefront_products. */
export interface CatalogProduct {
  /** The current version's listing id. */
  id: string;
  /** `merchant:sku`, the product across its versions. */
  key: string;
  merchant: string;
  token: string;
  /** Decimal, without leading zeros. */
  price: string;
  inStock: boolean;
  publishedBlock: number;
  categoryPath: string[];
  searchText: string;
  rating: number | null;
}

export interface CatalogQuery {
  pieces: QueryPiece[];
  filter: ListingFilter;
  orderBy: ListingOrder;
  limit: number;
  after?: SearchCursor;
}

/** Facets of a broad search are computed from this many of its matches (in listing id order, a fair sample). */
export const FACET_SAMPLE = 10_000;
/**
 * Steps per match a page may take walking a sorted order before it ranks the matches instead: a walk finds a page
 * in about (page size × catalog / matches) steps when the matches are spread through the order, while ranking
 * visits every match at a few times a step's cost.
 */
const WALK_BUDGET = 4;
type Page = Pick<SearchPage, "rows">;
const SORTED_ORDERS = ["PRICE_ASC", "PRICE_DESC", "NEWEST", "RATING"] as const;
type SortedOrder = (typeof SORTED_ORDERS)[number];

/** log(1 + n) of the small counts nearly every document has: Math.log1p was the largest cost of a broad search. */
const LOG1P = Float64Array.from({ length: 256 }, (_, n) => Math.log1p(n));
const log1p = (n: number) => (n < LOG1P.length ? LOG1P[n] : Math.log1p(n));
/**
 * A term in at least 1/POPULAR of the documents (and 1,024) when the index is built gets a bitset, matched a word at
 * a time, and its postings in relevance order (ImpactOrder), so a search of it alone pages without scoring them.
 */
const POPULAR = 64;

/**
 * The live catalog held in memory, one numbered document per product: an inverted index of its words, a set per
 * filter value, and the documents sorted in each listing order. A search intersects sets, ranks or walks the
 * matches for one keyset page, and counts facets over at most FACET_SAMPLE matches. A changed product gets a new
 * number and its old one is dropped from every set and order; its postings stay until the index is rebuilt.
 */
export class CatalogIndex {
  #capacity = 0;
  #size = 0;
  #ids: string[] = [];
  #prices: string[] = [];
  /**
   * Each document's kind (#kinds: its token and category path as one number), so a facet sample reads one number
   * per document (a cache miss each, where a token and a path's start and categories were three or four) and counts
   * the categories per kind afterwards.
   */
  #kindNumbers = new Uint32Array(0);
  readonly #kinds = new Kinds();
  #blocks = new Float64Array(0);
  #ratings = new Float64Array(0);
  /** Prices as floats: ordered as the exact prices wherever they differ (ties are decided on the decimals). */
  #priceValues = new Float64Array(0);
  /** 1 / log2(2 + words): relevance favours short texts about the words. */
  #norms = new Float64Array(0);
  /** The running relevance search's score of each match, then its key, by the match's place in #members. */
  #scores = new Float64Array(0);
  /** A piece's occurrences in each match of the running search, by the match's place in #members. */
  #occurrences = new Float64Array(0);
  /** The running search's matches and a group's documents: reused (a catalog-sized set per search kept GC busy). */
  readonly #matches = new Bitset(0);
  readonly #group = new Bitset(0);
  /** A search's matches as a list, for the loops that visit them (one buffer, reused). */
  #members = new Int32Array(0);

  /** Documents by price and by rating, for range filters (built with the index). */
  #byPrice = RangeSets.of(new Float64Array(0), 0);
  #byRating = RangeSets.of(new Float64Array(0), 0);
  readonly #byKey = new Map<string, number>();
  readonly #alive = new Bitset(0);
  readonly #inStock = new Bitset(0);
  readonly #byToken = new Map<string, Bitset>();
  /** Documents per merchant, as lists: thousands of merchants would make thousands of catalog-sized bitsets. */
  readonly #byMerchant = new Map<string, Posting>();
  readonly #byCategory = new Map<string, Bitset>();
  readonly #postings = new Map<string, Posting>();
  /** Popular terms' documents as bitsets, and their postings in relevance order. */
  readonly #termSets = new Map<string, Bitset>();
  readonly #impact = new Map<Posting, Int32Array>();
  /** Every indexed term, sorted: a prefix is a contiguous range. */
  #terms: string[] = [];
  #dead = 0;
  readonly #sorted = new Map<SortedOrder, SortedDocs>(
    SORTED_ORDERS.map((orderBy) => {
      const order = orderOf(orderBy, (doc) => this.#keyOf(orderBy, doc));
      const rank = this.#rankOf(orderBy);
      return [orderBy, new SortedDocs((a, b) => rank(b) - rank(a) || order.compare(a, b, this.#ids))];
    }),
  );

  /** An index of `products`, built in bulk: documents are numbered in listing id order. */
  static of(products: Iterable<CatalogProduct>): CatalogIndex {
    const index = new CatalogIndex();
    const list = [...products];
    if (list.some((product, i) => i > 0 && product.id < list[i - 1].id))
      list.sort((a, b) => compareStrings(a.id, b.id));
    const docs = list.map((product) => index.#add(product, false));
    index.#terms = [...index.#postings.keys()].sort();
    index.#indexPopularTerms();
    index.#byPrice = RangeSets.of(index.#priceValues, index.#size);
    index.#byRating = RangeSets.of(index.#ratings, index.#size);
    for (const sorted of index.#sorted.values()) sorted.reset([...docs]);
    return index;
  }

  #indexPopularTerms(): void {
    const popular = Math.max(1_024, this.#size / POPULAR);
    for (const [term, posting] of this.#postings) {
      if (posting.size < popular) continue;
      this.#termSets.set(term, Bitset.of(posting.docs, posting.size, this.#capacity));
      this.#impact.set(
        posting,
        impactOrder(posting, (p) => this.#termKey(posting, p)),
      );
    }
  }

  get size(): number {
    return this.#byKey.size;
  }

  /** Replaced or dropped documents outnumber live ones: a rebuild would halve memory and set sizes. */
  get wantsRebuild(): boolean {
    return this.#dead > Math.max(10_000, this.size);
  }

  /** Adds the product, or replaces the one with its key. */
  put(product: CatalogProduct): void {
    this.delete(product.key);
    this.#add(product, true);
  }

  delete(key: string): void {
    const doc = this.#byKey.get(key);
    if (doc === undefined) return;
    for (const sorted of this.#sorted.values()) sorted.remove(doc);
    this.#alive.delete(doc);
    this.#byKey.delete(key);
    this.#dead++;
  }

  search(query: CatalogQuery): SearchPage {
    const matches = this.#matches.copy(this.#alive);
    const searched = query.pieces.length > 0;
    const orderBy = query.orderBy === "RELEVANCE" && !searched ? "NEWEST" : query.orderBy;
    const alone = orderBy === "RELEVANCE" ? this.#popularTermAlone(query.pieces) : undefined;
    if (searched) this.#matchText(query.pieces, matches);
    this.#applyFilter(query.filter, matches);
    const total = matches.count();
    const wanted = query.limit + 1;
    const page =
      (alone && this.#impactPage(alone, matches, total, query.after, wanted)) ||
      (orderBy === "RELEVANCE"
        ? this.#relevancePage(matches, query, wanted)
        : this.#page(matches, total, query, orderBy, wanted));
    return { ...page, total, ...this.#facets(matches, total) };
  }

  #add(product: CatalogProduct, ordered: boolean): number {
    const doc = this.#size++;
    if (doc >= this.#capacity) this.#grow(Math.max(1024, this.#capacity * 2));
    this.#ids[doc] = product.id;
    this.#prices[doc] = product.price;
    this.#priceValues[doc] = Number(product.price);
    this.#kindNumbers[doc] = this.#kinds.numberOf(product.token, product.categoryPath);
    this.#blocks[doc] = product.publishedBlock;
    this.#ratings[doc] = product.rating ?? Number.NaN;
    const { terms, length } = documentTerms(product.searchText);
    this.#norms[doc] = 1 / Math.log2(2 + length);
    for (const [term, count] of terms) {
      const isNew = this.#list(this.#postings, term, doc, count);
      if (!ordered) continue;
      if (isNew) this.#terms.splice(lowerBound(this.#terms, term), 0, term);
      const set = this.#termSets.get(term);
      if (set) add(set, doc);
    }
    this.#byKey.set(product.key, doc);
    add(this.#alive, doc);
    if (product.inStock) add(this.#inStock, doc);
    add(setOf(this.#byToken, product.token), doc);
    this.#list(this.#byMerchant, product.merchant, doc, 1);
    for (const category of new Set(product.categoryPath)) add(setOf(this.#byCategory, category), doc);
    if (ordered) {
      for (const sorted of this.#sorted.values()) sorted.insert(doc);
      this.#byPrice.add(doc, this.#priceValues[doc]);
      this.#byRating.add(doc, this.#ratings[doc]);
    }
    return doc;
  }

  #grow(capacity: number): void {
    const grown = (array: Float64Array) => {
      const copy = new Float64Array(capacity);
      copy.set(array);
      return copy;
    };
    this.#blocks = grown(this.#blocks);
    this.#ratings = grown(this.#ratings);
    this.#priceValues = grown(this.#priceValues);
    this.#norms = grown(this.#norms);
    const kindNumbers = new Uint32Array(capacity);
    kindNumbers.set(this.#kindNumbers);
    this.#kindNumbers = kindNumbers;
    this.#scores = new Float64Array(capacity);
    this.#occurrences = new Float64Array(capacity);
    this.#members = new Int32Array(capacity);
    this.#capacity = capacity;
  }

  /** Appends `doc` (occurring `count` times) to the list of `key`; true when the list is new. */
  #list(lists: Map<string, Posting>, key: string, doc: number, count: number): boolean {
    let posting = lists.get(key);
    const isNew = !posting;
    if (!posting) {
      posting = { docs: new Int32Array(4), counts: new Uint16Array(4), size: 0 };
      lists.set(key, posting);
    }
    if (posting.size === posting.docs.length) {
      const docs = new Int32Array(posting.size * 2);
      const counts = new Uint16Array(posting.size * 2);
      docs.set(posting.docs);
      counts.set(posting.counts);
      Object.assign(posting, { docs, counts });
    }
    posting.docs[posting.size] = doc;
    posting.counts[posting.size] = Math.min(count, 0xffff);
    posting.size++;
    return isNew;
  }

  /** Keeps the documents holding, for every piece, a term of each of its groups. */
  #matchText(pieces: QueryPiece[], matches: Bitset): void {
    for (const piece of pieces)
      for (const group of this.#termGroups(piece)) {
        const inGroup = this.#group.clear(matches.words.length);
        for (const term of group) {
          const set = this.#termSets.get(term);
          const posting = this.#postings.get(term);
          if (set) inGroup.unite(set);
          else if (posting) for (let p = 0; p < posting.size; p++) inGroup.add(posting.docs[p]);
        }
        matches.intersect(inGroup);
      }
  }

  /**
   * A page in relevance order, ranking every match (for a popular term alone, #impactPage tries its order first).
   * A match's key is its norm times, for each piece, log(1 + occurrences of the piece's terms), summed. Only the
   * matches are scored, each term's postings searched for them by galloping, so a broad word beside a narrow one or
   * a filter costs about the matches, not the broad word's postings.
   */
  #relevancePage(matches: Bitset, query: CatalogQuery, wanted: number): Page {
    const [members, occurrences, keys, norms, ids] = [
      this.#members,
      this.#occurrences,
      this.#scores,
      this.#norms,
      this.#ids,
    ];
    const count = matches.collect(members);
    keys.fill(0, 0, count);
    for (const piece of query.pieces) {
      for (const term of this.#termGroups(piece).flat()) {
        const posting = this.#postings.get(term);
        if (posting) addOccurrences(posting, members, count, occurrences);
      }
      for (let m = 0; m < count; m++) {
        keys[m] += log1p(occurrences[m]);
        occurrences[m] = 0;
      }
    }
    for (let m = 0; m < count; m++) keys[m] *= norms[members[m]];
    const { after } = query;
    const idOf = (m: number) => ids[members[m]];
    const best = bestOf(
      count,
      wanted,
      keys,
      (m, n) => keys[n] - keys[m] || compareStrings(idOf(m), idOf(n)),
      (m) => !after || ((after.key as number) - keys[m] || compareStrings(idOf(m), after.id)) > 0,
    );
    return { rows: best.map((m) => ({ id: idOf(m), cursor: { key: keys[m], id: idOf(m) } })) };
  }

  /** A piece's terms in groups: a document matches when it holds a term of every group. */
  #termGroups(piece: QueryPiece): string[][] {
    return "prefix" in piece ? [this.#termsStarting(piece.prefix)] : piece.terms.map((term) => [term]);
  }

  /** The posting of a search made of one popular term (a word no other term begins, say), with its order. */
  #popularTermAlone(pieces: QueryPiece[]): { posting: Posting; order: Int32Array } | undefined {
    const groups = pieces.length === 1 ? this.#termGroups(pieces[0]) : [];
    if (groups.length !== 1 || groups[0].length !== 1) return undefined;
    const posting = this.#postings.get(groups[0][0]);
    const order = posting && this.#impact.get(posting);
    return order && { posting: posting!, order };
  }

  /** The relevance key a one-term search gives the document of a posting's entry `p` (as #relevancePage would). */
  #termKey({ docs, counts }: Posting, p: number): number {
    return log1p(counts[p]) * this.#norms[docs[p]];
  }

  /**
   * A relevance page of a one-term search, walking the term's postings in relevance order from the cursor within
   * WALK_BUDGET steps per match (else undefined: rank the matches instead). Entries added since the order was built
   * are ranked with the page.
   */
  #impactPage(
    { posting, order: positions }: { posting: Posting; order: Int32Array },
    matches: Bitset,
    total: number,
    after: SearchCursor | undefined,
    wanted: number,
  ) {
    const { docs } = posting;
    const ids = this.#ids;
    const keyAt = (p: number) => this.#termKey(posting, p);
    const afterCursor = (p: number) =>
      !after || ((after.key as number) - keyAt(p) || compareStrings(ids[docs[p]], after.id)) > 0;
    const start = firstIndexWhere(positions.length, (i) => afterCursor(positions[i]));
    const walked = walkMatches(matches, positions.length, start, total, wanted, (i) => docs[positions[i]]);
    if (!walked) return undefined;
    const found = walked.map((i) => positions[i]);
    for (let p = positions.length; p < posting.size; p++) if (matches.has(docs[p]) && afterCursor(p)) found.push(p);
    found.sort((p, q) => keyAt(q) - keyAt(p) || compareStrings(ids[docs[p]], ids[docs[q]]));
    return {
      rows: found.slice(0, wanted).map((p) => ({ id: ids[docs[p]], cursor: { key: keyAt(p), id: ids[docs[p]] } })),
    };
  }

  #termsStarting(prefix: string): string[] {
    const terms: string[] = [];
    for (let i = lowerBound(this.#terms, prefix); i < this.#terms.length && this.#terms[i].startsWith(prefix); i++)
      terms.push(this.#terms[i]);
    return terms;
  }

  #applyFilter(filter: ListingFilter, matches: Bitset): void {
    const none = new Bitset(0);
    if (filter.category) matches.intersect(this.#byCategory.get(filter.category) ?? none);
    if (filter.merchant) {
      const listed = this.#byMerchant.get(filter.merchant);
      matches.intersect(listed ? Bitset.of(listed.docs, listed.size, this.#capacity) : none);
    }
    if (filter.token) matches.intersect(this.#byToken.get(filter.token) ?? none);
    if (filter.inStock === true) matches.intersect(this.#inStock);
    if (filter.inStock === false) matches.subtract(this.#inStock);
    const { minPrice, maxPrice, minRating } = filter;
    if (maxPrice) {
      const high = Number(maxPrice);
      this.#byPrice.keepAtMost(matches, high, (doc) => this.#comparePrice(doc, high, maxPrice) <= 0);
    }
    if (minPrice) {
      const low = Number(minPrice);
      this.#byPrice.keepAtLeast(matches, low, (doc) => this.#comparePrice(doc, low, minPrice) >= 0);
    }
    if (minRating !== null && minRating !== undefined)
      this.#byRating.keepAtLeast(matches, minRating, (doc) => this.#ratings[doc] >= minRating);
  }

  /**
   * One page of a sorted order (`wanted` rows at most) after `after`: by walking the order's sorted list from the
   * cursor (a price order from the filter's bound on its side) while that takes fewer steps than WALK_BUDGET per
   * match, else by ranking the matches.
   */
  #page(matches: Bitset, total: number, query: CatalogQuery, orderBy: SortedOrder, wanted: number) {
    const order = orderOf(orderBy, (doc) => this.#keyOf(orderBy, doc));
    const ids = this.#ids;
    const { after } = query;
    const isAfter = (doc: number) => !after || order.compareToCursor(doc, after, ids) > 0;
    const rows = (docs: number[]) =>
      docs.map((doc) => ({ id: ids[doc], cursor: { key: this.#keyOf(orderBy, doc), id: ids[doc] } }));
    const sorted = this.#sorted.get(orderBy);
    if (sorted) {
      const inPriceBound = this.#priceBoundFirst(orderBy, query.filter);
      const start = sorted.firstWhere((doc) => isAfter(doc) && inPriceBound(doc));
      const walked = walkMatches(matches, sorted.size, start, total, wanted, (i) => sorted.at(i));
      if (walked) return { rows: rows(walked.map((i) => sorted.at(i))) };
    }
    const rank = this.#rankOf(orderBy);
    const [members, ranks] = [this.#members, this.#scores];
    const count = matches.collect(members);
    for (let m = 0; m < count; m++) ranks[m] = rank(members[m]);
    const best = bestOf(
      count,
      wanted,
      ranks,
      (m, n) => order.compare(members[m], members[n], ids),
      (m) => isAfter(members[m]),
    );
    return { rows: rows(best.map((m) => members[m])) };
  }

  /**
   * The sign of a document's price against `decimal` (whose float is `value`): by the floats where they differ
   * (ordered as the exact prices there), else by the decimals. Tests every match in a price bound's bucket.
   */
  #comparePrice(doc: number, value: number, decimal: string): number {
    const own = this.#priceValues[doc];
    if (own !== value) return own < value ? -1 : 1;
    return compareDecimal(this.#prices[doc], decimal);
  }

  /** For a price order, whether a document is past the prices the filter leaves out at its start (a suffix). */
  #priceBoundFirst(orderBy: ListingOrder, { minPrice, maxPrice }: ListingFilter): (doc: number) => boolean {
    if (orderBy === "PRICE_ASC" && minPrice) return (doc) => compareDecimal(this.#prices[doc], minPrice) >= 0;
    if (orderBy === "PRICE_DESC" && maxPrice) return (doc) => compareDecimal(this.#prices[doc], maxPrice) <= 0;
    return () => true;
  }

  #keyOf(orderBy: SortedOrder, doc: number): SortKey {
    switch (orderBy) {
      case "PRICE_ASC":
      case "PRICE_DESC":
        return this.#prices[doc];
      case "NEWEST":
        return this.#blocks[doc];
      case "RATING":
        return Number.isNaN(this.#ratings[doc]) ? null : this.#ratings[doc];
    }
  }

  /**
   * A number per document that is higher for every document coming earlier in `orderBy`'s order (equal ones are
   * decided by the full comparison): a cheap first test when ranking and sorting.
   */
  #rankOf(orderBy: SortedOrder): (doc: number) => number {
    switch (orderBy) {
      case "PRICE_ASC":
        return (doc) => -this.#priceValues[doc];
      case "PRICE_DESC":
        return (doc) => this.#priceValues[doc];
      case "NEWEST":
        return (doc) => this.#blocks[doc];
      case "RATING":
        return (doc) => (Number.isNaN(this.#ratings[doc]) ? -Infinity : this.#ratings[doc]);
    }
  }

  /**
   * Category counts and price ranges per token over the matches: exact up to FACET_SAMPLE matches; beyond,
   * estimated from the first FACET_SAMPLE (counts scaled), while each token's count stays exact.
   */
  #facets(matches: Bitset, total: number): Pick<SearchPage, "prices" | "categories" | "facetsExact"> {
    const { categories, tokens, tokenOf, categoriesOf } = this.#kinds;
    const kindCounts = new Uint32Array(tokenOf.length);
    const tokenCounts = new Uint32Array(tokens.size);
    const cheapest = new Int32Array(tokens.size);
    const dearest = new Int32Array(tokens.size);
    const members = this.#members.subarray(0, FACET_SAMPLE);
    const sampled = matches.collect(members);
    const kindNumbers = this.#kindNumbers;
    for (let m = 0; m < sampled; m++) {
      const doc = members[m];
      const kind = kindNumbers[doc];
      kindCounts[kind]++;
      const token = tokenOf[kind];
      if (tokenCounts[token]++ === 0) cheapest[token] = dearest[token] = doc;
      else {
        if (this.#cheaper(doc, cheapest[token])) cheapest[token] = doc;
        if (this.#cheaper(dearest[token], doc)) dearest[token] = doc;
      }
    }
    const categoryCounts = new Uint32Array(categories.size);
    kindCounts.forEach((count, kind) => {
      for (const category of categoriesOf[kind]) categoryCounts[category] += count;
    });
    const exact = sampled === total;
    const ranges = new Map<string, { token: string; min: string; max: string; count: number }>();
    tokenCounts.forEach((count, token) => {
      if (count > 0)
        ranges.set(tokens.name(token), {
          token: tokens.name(token),
          min: this.#prices[cheapest[token]],
          max: this.#prices[dearest[token]],
          count,
        });
    });
    if (!exact)
      for (const [token, set] of this.#byToken) {
        const count = matches.countShared(set);
        if (count > 0) ranges.set(token, { ...(ranges.get(token) ?? this.#priceRange(token, matches, set)), count });
      }
    const scale = total / Math.max(sampled, 1);
    const categoryFacets: { category: string; count: number }[] = [];
    categoryCounts.forEach((count, category) => {
      if (count > 0)
        categoryFacets.push({ category: categories.name(category), count: exact ? count : Math.round(count * scale) });
    });
    return {
      facetsExact: exact,
      categories: categoryFacets.sort((a, b) => b.count - a.count || compareStrings(a.category, b.category)),
      prices: [...ranges.values()].sort((a, b) => compareStrings(a.token, b.token)),
    };
  }

  /** Whether document `a`'s price is below `b`'s: by the floats where they differ, else by the decimals. */
  #cheaper(a: number, b: number): boolean {
    return this.#comparePrice(a, this.#priceValues[b], this.#prices[b]) < 0;
  }

  /** The price range of the matches in `set`: for a token too rare to be in a broad search's sample. */
  #priceRange(token: string, matches: Bitset, set: Bitset) {
    const shared = Bitset.copyOf(matches).intersect(set);
    let cheapest = -1;
    let dearest = -1;
    const docs = new Int32Array(shared.count());
    shared.collect(docs);
    for (const doc of docs) {
      if (cheapest === -1 || this.#cheaper(doc, cheapest)) cheapest = doc;
      if (dearest === -1 || this.#cheaper(dearest, doc)) dearest = doc;
    }
    return { token, min: this.#prices[cheapest], max: this.#prices[dearest], count: 0 };
  }
}

/** Each distinct pair of a token and a category path, numbered in the order first seen, with their names numbered. */
class Kinds {
  readonly categories = new Names();
  readonly tokens = new Names();
  /** By kind: its token's number, and its path's category numbers. */
  readonly tokenOf: number[] = [];
  readonly categoriesOf: number[][] = [];
  readonly #numbers = new Map<string, number>();

  numberOf(token: string, path: string[]): number {
    const name = [token, ...path].join("\u0000");
    let number = this.#numbers.get(name);
    if (number === undefined) {
      number = this.tokenOf.push(this.tokens.numberOf(token)) - 1;
      this.categoriesOf.push(path.map((category) => this.categories.numberOf(category)));
      this.#numbers.set(name, number);
    }
    return number;
  }
}

/** Strings numbered in the order first seen. */
class Names {
  readonly #names: string[] = [];
  readonly #numbers = new Map<string, number>();

  get size(): number {
    return this.#names.length;
  }

  numberOf(name: string): number {
    let number = this.#numbers.get(name);
    if (number === undefined) this.#numbers.set(name, (number = this.#names.push(name) - 1));
    return number;
  }

  name(number: number): string {
    return this.#names[number];
  }
}

function add(set: Bitset, doc: number): void {
  set.grow(doc + 1);
  set.add(doc);
}

function setOf(sets: Map<string, Bitset>, value: string): Bitset {
  let set = sets.get(value);
  if (!set) sets.set(value, (set = new Bitset(0)));
  return set;
}

/**
 * The first `wanted` positions from `start` (below `length`) whose document (`docAt`) is a match, walking at most
 * WALK_BUDGET steps per match; undefined when the budget ran out before the page filled and the order did not end.
 */
function walkMatches(
  matches: Bitset,
  length: number,
  start: number,
  total: number,
  wanted: number,
  docAt: (position: number) => number,
): number[] | undefined {
  const end = Math.min(length, start + total * WALK_BUDGET);
  const found: number[] = [];
  let i = start;
  for (; i < end && found.length < wanted; i++) if (matches.has(docAt(i))) found.push(i);
  return found.length === wanted || i === length ? found : undefined;
}

/**
 * The positions of the best `wanted` of `count` candidates after the cursor, best first: `compare(i, j)` is negative
 * when candidate i comes first, `ranks[i]` a number no lower for any candidate coming earlier (a cheap first test,
 * read from an array: a function returning it boxed each float, the search's largest garbage but one).
 */
function bestOf(
  count: number,
  wanted: number,
  ranks: Float64Array,
  compare: (i: number, j: number) => number,
  isAfterCursor: (i: number) => boolean,
): number[] {
  const best: number[] = [];
  let worst = -Infinity;
  for (let i = 0; i < count; i++) {
    if (ranks[i] < worst || !isAfterCursor(i)) continue;
    if (best.length === wanted && compare(i, best[wanted - 1]) >= 0) continue;
    insertInOrder(best, i, compare);
    if (best.length > wanted) best.pop();
    if (best.length === wanted) worst = ranks[best[wanted - 1]];
  }
  return best;
}

/**
 * Inserts candidate `i` before the first of `best` it comes before. A function of its own: a closure over the loop's
 * `i` in bestOf made every candidate, not only those inserted, allocate a context for it.
 */
function insertInOrder(best: number[], i: number, compare: (i: number, j: number) => number): void {
  best.splice(
    firstIndexWhere(best.length, (j) => compare(best[j], i) > 0),
    0,
    i,
  );
}

/**
 * Adds to `occurrences[m]` how often the posting's term occurs in document `members[m]`, for the first `count`
 * members (ascending, as a posting's documents are). The shorter list is read through and each of its documents
 * found in the longer by galloping from the last one's place: about short × log(long / short) steps.
 */
function addOccurrences(posting: Posting, members: Int32Array, count: number, occurrences: Float64Array): void {
  const { docs, counts, size } = posting;
  if (size <= count)
    for (let p = 0, m = 0; p < size && m < count; p++) {
      m = gallop(members, m, count, docs[p]);
      if (m < count && members[m] === docs[p]) occurrences[m] += counts[p];
    }
  else
    for (let m = 0, p = 0; m < count && p < size; m++) {
      p = gallop(docs, p, size, members[m]);
      if (p < size && docs[p] === members[m]) occurrences[m] += counts[p];
    }
}

/** The first index from `from` (below `end`) of ascending `values` holding at least `value`, or `end`. */
function gallop(values: Int32Array, from: number, end: number, value: number): number {
  if (from >= end || values[from] >= value) return from;
  let below = from;
  let step = 1;
  let high = from + 1;
  while (high < end && values[high] < value) {
    below = high;
    step *= 2;
    high = below + step;
  }
  let low = below + 1;
  high = Math.min(high, end);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function lowerBound(sorted: string[], value: string): number {
  return firstIndexWhere(sorted.length, (i) => sorted[i] >= value);
}
