import { describe, expect, it } from "vitest";
import { zeroAddress, type Address } from "viem";
import { axisTicks, dayOf, lastSalesDay, salesByDay, type SaleOrder } from "./sales.ts";

const CUSD = "0x00000000000000000000000000000000000000c5" as Address;
const order = (placedAt: string, total: string, fields: Partial<SaleOrder> = {}): SaleOrder => ({
  status: "Completed",
  total,
  refunded: "0",
  token: zeroAddress,
  placedAt,
  dispute: null,
  ...fields,
});

describe("sales by day", () => {
  const orders = [
    order("2026-11-20T23:59:59.000Z", "100"),
    order("2026-11-22T00:00:00.000Z", "50", { refunded: "10" }),
    order("2026-11-22T12:00:00.000Z", "25", { status: "Placed" }),
    order("2026-11-22T14:00:00.000Z", "30", { status: "Resolved", dispute: { buyerAmount: "12" } }),
    order("2026-11-22T13:00:00.000Z", "999", { status: "Cancelled" }),
    order("2026-11-21T08:00:00.000Z", "700", { status: "Refunded", refunded: "700" }),
    order("2026-11-21T09:00:00.000Z", "3000", { token: CUSD }),
    order("2026-10-01T09:00:00.000Z", "1", { status: "Completed" }),
  ];

  it("sums per UTC day each token's totals less refunds and ruled buyer shares, every window day present", () => {
    const [native, cusd] = salesByDay(orders, 3, "2026-11-22");
    expect(native.token).toBe(zeroAddress);
    expect(native.days).toEqual([
      { day: "2026-11-20", amount: 100n, orders: 1 },
      { day: "2026-11-21", amount: 0n, orders: 0 },
      { day: "2026-11-22", amount: 83n, orders: 3 },
    ]);
    expect(native.total).toBe(183n);
    expect(cusd.days.map((day) => day.amount)).toEqual([0n, 3000n, 0n]);
  });

  it("leaves out orders paid back in full and orders outside the window", () => {
    const [native] = salesByDay(orders, 30, "2026-11-22");
    expect(native.days).toHaveLength(30);
    expect(native.days[0].day).toBe("2026-10-24");
    expect(native.total).toBe(183n);
  });

  it("has no token without sales", () => {
    expect(salesByDay([order("2026-11-22T10:00:00.000Z", "5", { status: "Rejected" })], 7, "2026-11-22")).toEqual([]);
  });

  it("ends the window today, or on the latest order's day when the ledger's clock runs ahead", () => {
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(lastSalesDay([order("2026-11-01T00:00:00Z", "1")], now)).toBe("2026-11-22");
    expect(lastSalesDay([order("2026-11-30T00:00:00Z", "1")], now)).toBe("2026-11-30");
    expect(dayOf(now)).toBe("2026-11-22");
  });
});

describe("axis ticks", () => {
  it("steps by 1, 2 or 5 times a power of ten up to the maximum", () => {
    expect(axisTicks(0.036)).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
    expect(axisTicks(100)).toEqual([0, 50, 100]);
    expect(axisTicks(129)).toEqual([0, 50, 100, 150]);
    expect(axisTicks(7, 4)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(0)).toEqual([0]);
  });
});
