// The requests of a storefront's visitors: two thirds searches (words as people type them, categories,
// price caps, sorts, stock and rating filters), one third product pages of random listings; every body distinct.
import { CATEGORY_PATHS, CHINESE_VOCABULARY, randomSource, TOKENS, vocabulary, Zipf } from "./catalog.ts";

const SEARCH = `query($s: String, $f: ListingFilter, $o: ListingOrder) {
  listings(search: $s, filter: $f, orderBy: $o, first: 20) {
  totalCount pageInfo { hasNextPage endCursor } facets { categories { category count } prices { token min max count } }
  nodes { id title price token stock rating { count average } media { url } merchant { address } } } }`;
const PRODUCT = `query($id: Bytes32!) {
  listing(id: $id) { id title description attributes { name value } price token stock
  metadataStatus categoryPath rating { count average } versions { version price status txHash } reviews { rating }
  merchant { address status } media { url thumbnail { url } } } }`;
const ORDERS = ["RELEVANCE", "RELEVANCE", "RELEVANCE", "PRICE_ASC", "PRICE_DESC", "NEWEST", "RATING"];

/** `count` distinct JSON bodies over the catalog whose listing ids are `listingIds`. */
export function requestMix(count: number, listingIds: string[], seed = 11): string[] {
  const random = randomSource(seed);
  const words = vocabulary();
  const wordRank = new Zipf(words.length);
  const word = () => words[wordRank.draw(random)];
  const bodies = new Set<string>();
  while (bodies.size < count) {
    if (random() < 1 / 3) {
      bodies.add(
        JSON.stringify({ query: PRODUCT, variables: { id: listingIds[Math.floor(random() * listingIds.length)] } }),
      );
      continue;
    }
    const roll = random();
    const text =
      roll < 0.45
        ? word()
        : roll < 0.65
          ? `${word()} ${word()}`
          : roll < 0.75
            ? word().slice(0, 3 + Math.floor(random() * 3))
            : // typed so far
              roll < 0.85
              ? CHINESE_VOCABULARY[Math.floor(random() * CHINESE_VOCABULARY.length)]
              : null; // browsing a category
    const path = CATEGORY_PATHS[Math.floor(random() * CATEGORY_PATHS.length)];
    const filter: Record<string, unknown> = {};
    if (text === null || random() < 0.3) filter.category = path[Math.floor(random() * 3)];
    if (random() < 0.25) filter.maxPrice = (BigInt(5 + Math.floor(random() * 200)) * 10n ** 18n).toString();
    if (random() < 0.3) filter.inStock = true;
    if (random() < 0.1) filter.minRating = 4;
    if (random() < 0.1) filter.token = TOKENS[Math.floor(random() * TOKENS.length)];
    const orderBy = ORDERS[Math.floor(random() * ORDERS.length)];
    bodies.add(JSON.stringify({ query: SEARCH, variables: { s: text, f: filter, o: orderBy } }));
  }
  return [...bodies];
}
