import { describe, expect, it } from "vitest";
import { readShopSearch, toListingFilter, writeShopSearch } from "./search-params.ts";

describe("shop search in the URL", () => {
  it("round-trips through URL parameters, dropping defaults", () => {
    const search = readShopSearch(
      new URLSearchParams("q=coffee&category=Beans&token=0xabc&min=1.5&inStock=1&sort=PRICE_ASC"),
    );
    expect(writeShopSearch(search).toString()).toBe(
      "q=coffee&category=Beans&token=0xabc&min=1.5&inStock=1&sort=PRICE_ASC",
    );
    expect(writeShopSearch(readShopSearch(new URLSearchParams("sort=bogus"))).toString()).toBe("");
  });

  it("converts price bounds to the token's smallest unit and ignores malformed ones", () => {
    const search = readShopSearch(new URLSearchParams("token=0xabc&min=1.5&max=abc"));
    expect(toListingFilter(search, 6)).toEqual({ token: "0xabc", minPrice: "1500000" });
  });

  it("ignores price bounds without a currency, since prices in different tokens do not compare", () => {
    expect(toListingFilter(readShopSearch(new URLSearchParams("min=1")), null)).toEqual({});
  });
});
