import { parseUnits } from "viem";
import type { ListingOrder } from "./listing-queries.ts";

/** The shop's state lives in the URL, so a search can be shared, bookmarked and restored by Back. */
export interface ShopSearch {
  q: string;
  category: string;
  /** Payment token address; price bounds are in its units. */
  token: string;
  minPrice: string;
  maxPrice: string;
  inStock: boolean;
  sort: ListingOrder;
}

const SORTS: readonly ListingOrder[] = ["RELEVANCE", "PRICE_ASC", "PRICE_DESC", "NEWEST", "RATING"];

export function readShopSearch(params: URLSearchParams): ShopSearch {
  const sort = params.get("sort") as ListingOrder | null;
  return {
    q: params.get("q") ?? "",
    category: params.get("category") ?? "",
    token: params.get("token") ?? "",
    minPrice: params.get("min") ?? "",
    maxPrice: params.get("max") ?? "",
    inStock: params.get("inStock") === "1",
    sort: sort && SORTS.includes(sort) ? sort : "RELEVANCE",
  };
}

export function writeShopSearch(search: ShopSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set("q", search.q);
  if (search.category) params.set("category", search.category);
  if (search.token) params.set("token", search.token);
  if (search.token && search.minPrice) params.set("min", search.minPrice);
  if (search.token && search.maxPrice) params.set("max", search.maxPrice);
  if (search.inStock) params.set("inStock", "1");
  if (search.sort !== "RELEVANCE") params.set("sort", search.sort);
  return params;
}

/**
 * The API's ListingFilter: price bounds converted from the token's units to its smallest unit; unparsable
 * bounds are dropped.
 */
export function toListingFilter(search: ShopSearch, decimals: number | null): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (search.category) filter.category = search.category;
  if (search.inStock) filter.inStock = true;
  if (search.token) {
    filter.token = search.token;
    const min = toSmallestUnit(search.minPrice, decimals ?? 18);
    const max = toSmallestUnit(search.maxPrice, decimals ?? 18);
    if (min !== undefined) filter.minPrice = min;
    if (max !== undefined) filter.maxPrice = max;
  }
  return filter;
}

function toSmallestUnit(value: string, decimals: number): string | undefined {
  if (!/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return parseUnits(value.trim(), decimals).toString();
}
