import { describe, expect, it } from "vitest";
import { countryList, type ListingShipping, shippingTo } from "./shipping.ts";

const policy = { accepted: true, windowDays: 30, buyerPaysReturnShipping: true, notes: null };
const listing = (title: string, regions: [string, string][]): { title: string; shipping: ListingShipping } => ({
  title,
  shipping: { regions: regions.map(([country, cost]) => ({ country, cost })), returnPolicy: policy },
});

describe("shipping an order", () => {
  const mug = listing("Mug", [
    ["DE", "0"],
    ["GB", "40"],
  ]);
  const bowl = listing("Bowl", [
    ["DE", "5"],
    ["GB", "30"],
    ["US", "90"],
  ]);

  it("charges the highest rate of the order's listings to the country (one parcel)", () => {
    expect(shippingTo([mug, bowl], "GB")).toEqual({ cost: 40n });
    expect(shippingTo([mug, bowl], "DE")).toEqual({ cost: 5n });
  });

  it("refuses, in plain words, a country one listing does not ship to, or a listing not yet resolved", () => {
    expect(shippingTo([mug, bowl], "US")).toEqual({
      refusal: '"Mug" does not ship to US. The merchant ships it to DE and GB.',
    });
    expect(shippingTo([{ title: "Cup", shipping: null }], "DE")).toEqual({
      refusal: 'Where "Cup" ships is not known yet. Try again in a moment.',
    });
  });

  it("lists countries as a sentence", () => {
    expect([countryList(["DE"]), countryList(["AT", "DE", "GB"])]).toEqual(["DE", "AT, DE and GB"]);
  });
});
