import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderInApp } from "../../test/render.tsx";
import { ProvenancePage } from "./ProvenancePage.tsx";
import { GREEN, item, ROAST, shipment, SHIPMENT, trace } from "./trace-fixture.ts";

const epcs = {
  [GREEN]: "urn:epc:id:lgtin:0614141.107346.GREEN-2026-07",
  [ROAST]: "urn:epc:id:lgtin:0614141.107347.ROAST-2026-11",
  [SHIPMENT]: "urn:epc:id:sscc:0614141.1234567890",
};
const named = (traced: ReturnType<typeof item>) => ({
  ...traced,
  epc: epcs[traced.id],
  status: "Active",
  custodian: traced.registeredBy,
  listing: null,
});

/**
 * The API's answers for the roasted lot: its trace, then the shipment it travelled in and the green beans it
 * was made from.
 */
function answer(query: string, variables: Record<string, unknown>) {
  if (query.includes("query Provenance(")) return { provenance: { ...trace, item: named(trace.item) } };
  if (query.includes("query Neighbours(")) {
    expect(variables).toEqual({ c0: SHIPMENT, i0: GREEN });
    return { c0: { ...shipment, item: named(shipment.item) }, i0: named(item(GREEN, 1)) };
  }
  throw new Error(`unexpected operation ${query}`);
}

function renderTrace() {
  return renderInApp(
    <Routes>
      <Route path="/provenance/:itemId" element={<ProvenancePage />} />
    </Routes>,
    { route: `/provenance/${ROAST}`, answer },
  );
}

describe("ProvenancePage", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("shows the item's timeline, corrections beside corrected events, the shipment's steps while packed", async () => {
    renderTrace();
    expect(await screen.findByRole("heading", { name: "Lot ROAST-2026-11" })).toBeTruthy();
    const entries = screen.getAllByTestId("timeline-entry");
    expect(entries).toHaveLength(10);
    expect(within(entries[1]).getByTestId("timeline-correction").textContent).toContain("INNSBRUCK");
    expect(entries[5].textContent).toMatch(
      /While packed in Shipment 1234567890.*Departed|Departed.*While packed in Shipment 1234567890/,
    );
  });

  it("lists the custody hand-offs through the shipment and draws the graph with a list alternative", async () => {
    renderTrace();
    await screen.findByRole("heading", { name: "Lot ROAST-2026-11" });
    expect(screen.getAllByTestId("custody-step")).toHaveLength(2);
    expect(screen.getAllByTestId("graph-node").map((node) => node.getAttribute("aria-label"))).toEqual([
      "Lot GREEN-2026-07",
      "Lot ROAST-2026-11 (this item)",
      "Shipment 1234567890",
    ]);
    expect(
      within(screen.getByTestId("graph-list"))
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "Lot GREEN-2026-07 was made into Lot ROAST-2026-11",
      "Lot ROAST-2026-11 was packed into Shipment 1234567890 for order #2, later unpacked",
    ]);
  });

  it("refuses a malformed item id in the lookup form, naming the rule", async () => {
    renderTrace();
    fireEvent.change(await screen.findByLabelText("Item id or EPC"), { target: { value: "0x1234" } });
    fireEvent.click(screen.getByRole("button", { name: "Show trace" }));
    expect(screen.getByText("An item id is 0x followed by 64 hexadecimal digits.")).toBeTruthy();
    expect(screen.getByLabelText("Item id or EPC").getAttribute("aria-invalid")).toBe("true");
  });
});
