import type { ListingOrder, SearchCursor } from "../listing-search.ts";

/** A document's place in an order: a relevance score, a decimal price, a block number, or a rating (null last). */
export type SortKey = string | number | null;

export interface Order {
  /** Negative when document `a` comes first; listing ids break ties, so no two documents compare equal. */
  compare(a: number, b: number, ids: readonly string[]): number;
  /** Positive when `doc` comes after the row the cursor points at. */
  compareToCursor(doc: number, cursor: SearchCursor, ids: readonly string[]): number;
}

/** Decimal integers without leading zeros: the longer is larger, then the digits decide. */
export function compareDecimal(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Plain code-unit order of strings: listing ids (lower-case hex), categories, token addresses. */
export const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const descending = (a: number, b: number) => b - a;

const KEY_ORDER: Record<ListingOrder, (a: SortKey, b: SortKey) => number> = {
  RELEVANCE: (a, b) => descending(a as number, b as number),
  PRICE_ASC: (a, b) => compareDecimal(a as string, b as string),
  PRICE_DESC: (a, b) => compareDecimal(b as string, a as string),
  NEWEST: (a, b) => descending(a as number, b as number),
  RATING: (a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : descending(a as number, b as number)),
};

/** `orderBy` over documents whose sort keys `keyOf` gives. */
export function orderOf(orderBy: ListingOrder, keyOf: (doc: number) => SortKey): Order {
  const compareKeys = KEY_ORDER[orderBy];
  return {
    compare: (a, b, ids) => compareKeys(keyOf(a), keyOf(b)) || compareStrings(ids[a], ids[b]),
    compareToCursor: (doc, cursor, ids) => compareKeys(keyOf(doc), cursor.key) || compareStrings(ids[doc], cursor.id),
  };
}

/** Whether `key` is a sort key of `orderBy`'s kind (a cursor's key, checked before it is compared). */
export function isSortKeyOf(orderBy: ListingOrder, key: unknown): key is SortKey {
  if (orderBy === "PRICE_ASC" || orderBy === "PRICE_DESC")
    return typeof key === "string" && /^(0|[1-9]\d{0,77})$/.test(key);
  if (orderBy === "RATING" && key === null) return true;
  return typeof key === "number" && Number.isFinite(key);
}
