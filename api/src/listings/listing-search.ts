import { ValidationError } from "#sdk/errors.ts";

export type ListingOrder = "RELEVANCE" | "PRICE_ASC" | "PRICE_DESC" | "NEWEST" | "RATING";

export interface ListingFilter {
  category?: string | null;
  merchant?: string | null;
  minPrice?: string | null;
  maxPrice?: string | null;
  token?: string | null;
  inStock?: boolean | null;
  minRating?: number | null;
}

/** Where a page starts: after the row with this sort value and listing id (a keyset cursor). */
export interface SearchCursor {
  key: string | number | null;
  id: string;
}

export interface SearchPage {
  /** The page's rows (limit + 1 at most: the extra one tells that a next page exists), in order, with their cursors. */
  rows: { id: string; cursor: SearchCursor }[];
  /** Every match, counted exactly. */
  total: number;
  prices: { token: string; min: string; max: string; count: number }[];
  categories: { category: string; count: number }[];
  /** False when category counts and price bounds were estimated from a sample of a broad search's matches. */
  facetsExact: boolean;
}

/** The filter, its rules checked (prices are UInt256: decimal without leading zeros, as the index compares them). */
export function checkedFilter(filter: ListingFilter): ListingFilter {
  const { minRating } = filter;
  if (minRating !== null && minRating !== undefined && !(minRating >= 1 && minRating <= 5))
    throw new ValidationError("filter.minRating", "must be from 1 to 5");
  return filter;
}
