import type { Address } from "viem";
import type { OrderStatus } from "../../lib/orders/order-queries.ts";

/** Orders whose whole payment went back to the buyer: not sales. */
const RETURNED: readonly OrderStatus[] = ["Cancelled", "Rejected", "Reclaimed", "Refunded"];
const DAY_MS = 86_400_000;

export interface SaleOrder {
  status: OrderStatus;
  total: string;
  refunded: string;
  token: Address;
  placedAt: string;
  dispute: { buyerAmount: string | null } | null;
}
export interface DaySales {
  day: string;
  amount: bigint;
  orders: number;
}
export interface TokenSales {
  token: Address;
  days: DaySales[];
  total: bigint;
}

/** The UTC day of a time, `2026-11-22`. */
export function dayOf(time: string | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * Sales per payment token (amounts in different tokens do not add up) and per UTC day of placing, for the
 * `days` days ending with `lastDay`, empty days included: order totals less refunds and disputes' buyer shares, orders
 * refunded in full left out.
 */
export function salesByDay(orders: readonly SaleOrder[], days: number, lastDay: string): TokenSales[] {
  const end = Date.parse(lastDay);
  const window = Array.from({ length: days }, (_, index) => dayOf(end - (days - 1 - index) * DAY_MS));
  const sales = orders.filter((order) => !RETURNED.includes(order.status));
  const tokens = [...new Set(sales.map((order) => order.token))];
  return tokens.map((token) => {
    const perDay = window.map((day) => ({ day, amount: 0n, orders: 0 }));
    const index = new Map(perDay.map((entry) => [entry.day, entry]));
    for (const order of sales) {
      const entry = order.token === token ? index.get(dayOf(order.placedAt)) : undefined;
      if (!entry) continue;
      // `refunded` counts partial refunds only; a ruled dispute's share for the buyer is on the dispute.
      entry.amount += BigInt(order.total) - BigInt(order.refunded) - BigInt(order.dispute?.buyerAmount ?? 0);
      entry.orders += 1;
    }
    return { token, days: perDay, total: perDay.reduce((sum, entry) => sum + entry.amount, 0n) };
  });
}

/** The last day a chart shows: today on the ledger's clock, or the latest order's day if the clocks disagree. */
export function lastSalesDay(orders: readonly Pick<SaleOrder, "placedAt">[], now: number): string {
  return [dayOf(now), ...orders.map((order) => dayOf(order.placedAt))].sort().at(-1)!;
}

/** Up to `count` round axis values from 0 covering `max` (steps of 1, 2 or 5 times a power of ten). */
export function axisTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  return Array.from({ length: Math.ceil(max / step - 1e-9) + 1 }, (_, index) => Number((index * step).toPrecision(12)));
}
