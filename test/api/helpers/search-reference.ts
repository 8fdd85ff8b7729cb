// A brute-force model of storefront search, written from the rules the API documents, to check its answers against.
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+/gu;
const IS_CJK = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+$/u;
const PIECE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+|[\p{L}\p{N}]+/gu;

export interface ReferenceProduct {
  id: string;
  merchant: string;
  token: string;
  price: bigint;
  inStock: boolean;
  categoryPath: string[];
  rating: number | null;
  block: number;
  words: string[];
  cjk: string[];
}

export type ReferenceFilter = {
  category?: string;
  merchant?: string;
  minPrice?: string;
  maxPrice?: string;
  inStock?: boolean;
  minRating?: number;
  token?: string;
};

/** A product's words (lower case) and CJK terms (each character and pair of neighbours) from its search text. */
export function referenceProduct(fields: Omit<ReferenceProduct, "words" | "cjk">, text: string): ReferenceProduct {
  const runs = text.match(CJK) ?? [];
  return {
    ...fields,
    words: text
      .replace(CJK, " ")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
    cjk: runs.flatMap((run) =>
      [...run].flatMap((character, i, all) => (i < all.length - 1 ? [character, character + all[i + 1]] : [character])),
    ),
  };
}

/** The terms a typed CJK run needs: its one character, or each pair of neighbours. */
function cjkNeeded(piece: string): string[] {
  const characters = [...piece];
  return characters.length === 1 ? characters : characters.slice(0, -1).map((c, i) => c + characters[i + 1]);
}

/** How often a typed piece occurs in the product: words it begins, or its CJK terms. */
function occurrences(product: ReferenceProduct, piece: string): number {
  if (!IS_CJK.test(piece)) return product.words.filter((word) => word.startsWith(piece.toLowerCase())).length;
  return cjkNeeded(piece).reduce((sum, term) => sum + product.cjk.filter((held) => held === term).length, 0);
}

/** Every typed piece matches: a word by prefix, a CJK run by its character or each pair. */
function matches(product: ReferenceProduct, typed: string): boolean {
  return (typed.match(PIECE) ?? []).every((piece) => {
    if (!IS_CJK.test(piece)) return product.words.some((word) => word.startsWith(piece.toLowerCase()));
    return cjkNeeded(piece).every((term) => product.cjk.includes(term));
  });
}

/**
 * The documented relevance: for each typed piece log(1 + its occurrences), summed, divided by log2(2 + the text's
 * terms); higher first, listing ids breaking ties.
 */
export function relevanceOrder(typed: string): (a: ReferenceProduct, b: ReferenceProduct) => number {
  const pieces = typed.match(PIECE) ?? [];
  const score = (product: ReferenceProduct) =>
    pieces.reduce((sum, piece) => sum + Math.log1p(occurrences(product, piece)), 0) *
    (1 / Math.log2(2 + product.words.length + product.cjk.length));
  return (a, b) => score(b) - score(a) || byId(a, b);
}

export function reference(catalog: ReferenceProduct[], typed: string, filter: ReferenceFilter): ReferenceProduct[] {
  return catalog.filter(
    (product) =>
      (!typed || matches(product, typed)) &&
      (!filter.category || product.categoryPath.includes(filter.category)) &&
      (!filter.merchant || product.merchant === filter.merchant) &&
      (!filter.minPrice || product.price >= BigInt(filter.minPrice)) &&
      (!filter.maxPrice || product.price <= BigInt(filter.maxPrice)) &&
      (filter.inStock === undefined || product.inStock === filter.inStock) &&
      (!filter.minRating || (product.rating ?? 0) >= filter.minRating) &&
      (!filter.token || product.token === filter.token),
  );
}

const byId = (a: ReferenceProduct, b: ReferenceProduct) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The listing orders but RELEVANCE (whose scores the reference does not model): listing ids break ties. */
export const REFERENCE_ORDERS: Record<string, (a: ReferenceProduct, b: ReferenceProduct) => number> = {
  PRICE_ASC: (a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : byId(a, b)),
  PRICE_DESC: (a, b) => (a.price > b.price ? -1 : a.price < b.price ? 1 : byId(a, b)),
  NEWEST: (a, b) => b.block - a.block || byId(a, b),
  RATING: (a, b) =>
    a.rating === b.rating ? byId(a, b) : a.rating === null ? 1 : b.rating === null ? -1 : b.rating - a.rating,
};

/** Category counts (every level) over `products`. */
export function categoryCounts(products: ReferenceProduct[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const product of products)
    for (const category of product.categoryPath) counts.set(category, (counts.get(category) ?? 0) + 1);
  return counts;
}
