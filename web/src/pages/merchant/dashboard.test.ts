import { describe, expect, it } from "vitest";
import type { Hex } from "viem";
import { lowStock, ordersToShip } from "./dashboard.ts";
import type { MerchantListing, MerchantOrder } from "./merchant-queries.ts";

const order = (id: string, status: MerchantOrder["status"], shipBy: string) =>
  ({ id, status, shipBy }) as MerchantOrder;
const listing = (id: string, stock: string, status = "Active") =>
  ({ id: id as Hex, title: id, stock, quantity: "50", status }) as MerchantListing;

describe("the merchant's to-do lists", () => {
  it("lists placed and accepted orders to ship, the nearest deadline first", () => {
    const orders = [
      order("1", "Shipped", "2026-11-20T00:00:00Z"),
      order("2", "Accepted", "2026-11-25T00:00:00Z"),
      order("3", "Placed", "2026-11-23T00:00:00Z"),
      order("4", "Completed", "2026-11-21T00:00:00Z"),
    ];
    expect(ordersToShip(orders).map((o) => o.id)).toEqual(["3", "2"]);
  });

  it("lists active listings under the threshold, fewest units first", () => {
    const listings = [
      listing("blanket", "11"),
      listing("towels", "77"),
      listing("dripper", "0"),
      listing("old", "1", "Cancelled"),
      listing("beans", "20"),
    ];
    expect(lowStock(listings, 20).map((l) => l.id)).toEqual(["dripper", "blanket"]);
    expect(lowStock(listings, 1).map((l) => l.id)).toEqual(["dripper"]);
  });
});
