import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderInApp } from "../../test/render.tsx";
import type { ListingCardData } from "./listing-queries.ts";
import { SearchPage } from "./SearchPage.tsx";

const card = (n: number): ListingCardData => ({
  id: `0x${n.toString(16).padStart(64, "0")}`,
  title: `Product ${n}`,
  price: "1000000000000000000",
  token: "0x0000000000000000000000000000000000000000",
  stock: "10",
  rating: { count: 0, average: null },
  media: [],
  merchant: { address: "0x00000000000000000000000000000000000000aa", profile: { name: "Alpine" } },
});

/** 15 listings served 12 per page on an opaque cursor, as the API's Relay connection does. */
function listings(_query: string, variables: Record<string, unknown>) {
  const offset = variables.after === "cursor-12" ? 12 : 0;
  const nodes = Array.from({ length: Math.min(12, 15 - offset) }, (_, i) => card(offset + i + 1));
  return {
    listings: {
      totalCount: 15,
      pageInfo: { hasNextPage: offset === 0, endCursor: `cursor-${offset + nodes.length}` },
      facets: variables.withFacets
        ? {
            categories: [{ category: "Coffee", count: 15 }],
            prices: [
              {
                token: "0x0000000000000000000000000000000000000000",
                min: "1000000000000000000",
                max: "1000000000000000000",
                count: 15,
              },
            ],
          }
        : undefined,
      nodes,
    },
  };
}

describe("SearchPage", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("loads further pages on the cursor and appends them, without asking for facets again", async () => {
    const { fetch } = renderInApp(<SearchPage />, { answer: listings });
    expect(await screen.findByText("15 products")).toBeTruthy();
    expect(screen.getAllByTestId("product-card")).toHaveLength(12);
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(() => expect(screen.getAllByTestId("product-card")).toHaveLength(15));
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    const lastRequest = JSON.parse(fetch.mock.calls.at(-1)![1].body as string) as {
      variables: Record<string, unknown>;
    };
    expect(lastRequest.variables).toMatchObject({ after: "cursor-12", withFacets: false });
  });

  it("sends the chosen category and sort as the API's filter and order", async () => {
    const { fetch } = renderInApp(<SearchPage />, { answer: listings });
    fireEvent.click(await screen.findByRole("radio", { name: /Coffee/ }));
    fireEvent.change(screen.getByLabelText("Sort by"), { target: { value: "PRICE_DESC" } });
    await waitFor(() => {
      const { variables } = JSON.parse(fetch.mock.calls.at(-1)![1].body as string) as {
        variables: Record<string, unknown>;
      };
      expect(variables).toMatchObject({ filter: { category: "Coffee" }, orderBy: "PRICE_DESC", withFacets: true });
    });
  });
});
