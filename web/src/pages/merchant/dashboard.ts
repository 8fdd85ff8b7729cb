import type { OrderStatus } from "../../lib/orders/order-queries.ts";
import type { MerchantListing, MerchantOrder } from "./merchant-queries.ts";

/** Orders the merchant still has to ship. */
const TO_SHIP: readonly OrderStatus[] = ["Placed", "Accepted"];

/** Placed and accepted orders, the nearest ship-by deadline first. */
export function ordersToShip(orders: readonly MerchantOrder[]): MerchantOrder[] {
  return orders
    .filter((order) => TO_SHIP.includes(order.status))
    .sort((a, b) => Date.parse(a.shipBy) - Date.parse(b.shipBy));
}

/** Active listings with fewer than `threshold` units left, fewest first. */
export function lowStock(listings: readonly MerchantListing[], threshold: number): MerchantListing[] {
  return listings
    .filter((listing) => listing.status === "Active" && BigInt(listing.stock) < BigInt(threshold))
    .sort((a, b) => Number(BigInt(a.stock) - BigInt(b.stock)));
}
