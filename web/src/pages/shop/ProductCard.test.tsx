import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderInApp } from "../../test/render.tsx";
import { ProductCard } from "./ProductCard.tsx";
import type { ListingCardData } from "./listing-queries.ts";

const listing: ListingCardData = {
  id: `0x${"ab".repeat(32)}`,
  title: "Merino Wool Blanket",
  price: "129000000000000000000",
  token: "0x00000000000000000000000000000000000000C5",
  stock: "3",
  rating: { count: 2, average: 4.5 },
  media: [{ url: "/ipfs/full", alt: "A blue blanket", thumbnail: { url: "/ipfs/thumb", width: 320, height: 320 } }],
  merchant: { address: "0x00000000000000000000000000000000000000aa", profile: { name: "Nordic Textiles" } },
};

describe("ProductCard", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("shows the IPFS thumbnail and alt text, price in the token's symbol, low stock, rating in words", async () => {
    renderInApp(<ProductCard listing={listing} />);
    expect((await screen.findByRole("img", { name: "A blue blanket" })).getAttribute("src")).toBe("/ipfs/thumb");
    expect(screen.getByRole("link", { name: "Merino Wool Blanket" }).getAttribute("href")).toBe(
      `/listing/${listing.id}`,
    );
    expect(screen.getByText("129 CUSD")).toBeTruthy();
    expect(screen.getByText("Only 3 left")).toBeTruthy();
    expect(screen.getByLabelText("Rated 4.5 out of 5 by 2 buyers")).toBeTruthy();
  });
});
