import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeProvider, renderInApp } from "../../test/render.tsx";
import type { MerchantListing, MerchantOrder } from "./merchant-queries.ts";
import { MerchantPage } from "./MerchantPage.tsx";

const ACCOUNT = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const NATIVE = "0x0000000000000000000000000000000000000000";
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const order = (id: string, status: MerchantOrder["status"], placedDaysAgo: number, shipBy: string): MerchantOrder => ({
  id,
  status,
  total: "9000000000000000",
  refunded: "0",
  token: NATIVE,
  placedAt: daysAgo(placedDaysAgo),
  shipBy,
  dispute: null,
  lines: [{ quantity: "1", listing: { title: "Huila Espresso Blend" } }],
});
const listing = (title: string, stock: string): MerchantListing => ({
  id: `0x${title.length.toString(16).padStart(64, "0")}`,
  title,
  stock,
  quantity: "60",
  status: "Active",
});

const ORDERS = [
  order("5", "Accepted", 0, daysAgo(-6)),
  order("6", "Placed", 0, daysAgo(1)),
  order("2", "Completed", 2, daysAgo(-5)),
  order("3", "Cancelled", 2, daysAgo(-5)),
];
const LISTINGS = [listing("Huila Espresso Blend", "57"), listing("Ceramic Pour-Over Dripper", "15")];

function answer(query: string) {
  if (query.includes("query Merchant("))
    return { merchant: { address: ACCOUNT, status: "Approved", profile: { name: "Alpine Coffee Roasters" } } };
  if (query.includes("query MerchantOrders(")) return { orders: { totalCount: ORDERS.length, nodes: ORDERS } };
  if (query.includes("query MerchantListings(")) return { listings: { totalCount: LISTINGS.length, nodes: LISTINGS } };
  throw new Error(`unexpected operation ${query}`);
}

describe("MerchantPage", () => {
  beforeEach(() =>
    localStorage.setItem(
      "storefront.session.v1",
      JSON.stringify({ token: "t", address: ACCOUNT, expiresAt: new Date(Date.now() + DAY).toISOString() }),
    ),
  );
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  const renderDashboard = () =>
    renderInApp(<MerchantPage />, {
      provider: fakeProvider({ eth_accounts: [ACCOUNT], eth_chainId: "0x7a69" }),
      answer,
    });

  it("charts a bar per day of the period, above zero on the days with sales", async () => {
    renderDashboard();
    await screen.findByTestId("sales-chart");
    const bars = screen.getAllByTestId("sales-bar");
    expect(bars).toHaveLength(30);
    expect(
      bars.filter((bar) => bar.getAttribute("data-amount") !== "0").map((bar) => bar.getAttribute("data-amount")),
    ).toEqual(["9000000000000000", "18000000000000000"]);
    expect(screen.getByRole("heading", { name: "In ETH: 0.027 ETH from 3 orders" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Period"), { target: { value: "7" } });
    expect(screen.getAllByTestId("sales-bar")).toHaveLength(7);
  });

  it("lists the orders to ship by deadline, a late one marked, and the listings low on stock", async () => {
    renderDashboard();
    const toShip = await screen.findAllByTestId("order-to-ship");
    expect(toShip.map((row) => within(row).getByRole("link").textContent)).toEqual(["Order #6", "Order #5"]);
    expect(toShip[0].textContent).toContain("Late: ship by was");
    expect(toShip[1].textContent).not.toContain("Late");
    expect(screen.getAllByTestId("low-stock-listing").map((row) => row.textContent)).toEqual([
      "Ceramic Pour-Over Dripper15 of 60 left",
    ]);
  });
});
