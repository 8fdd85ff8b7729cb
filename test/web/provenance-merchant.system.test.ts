import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { create } from "qrcode";
import { startTogether } from "../helpers/start-together.ts";
import {
  cspViolations,
  newPage,
  openBrowser,
  screenshot,
  startStack,
  untilTrueInPage,
  withdrawEach,
  type Stack,
} from "./harness.ts";

const SHOTS = "provenance-merchant";
const ALPINE = 6; // the demo merchant (Alpine Coffee Roasters) whose coffee lot is traced
const NORDIC = 7; // the demo merchant selling textiles, whose blanket order the demo leaves Shipped
const BUYER = 11; // the demo buyer "ada": no merchant
const RETURNED = ["Cancelled", "Rejected", "Reclaimed", "Refunded"];

interface TracedItem {
  id: string;
  epc: string;
}

describe("the provenance view and the merchant dashboard in a real browser, against npm start's demo ledger", {
  timeout: 120_000,
}, () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let lot: TracedItem;

  before(async () => {
    await startTogether([startStack(), openBrowser()], (started) => ([stack, browser] = started as [Stack, Browser]));
    ({ page } = await newPage(browser, stack, { account: BUYER }));
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const response = await fetch(stack.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data!;
  }

  /** Elements reaching past a 375 px viewport, outside the containers that scroll on purpose. */
  const overflowing = (currentPage: Page) =>
    currentPage.evaluate(`[...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > 375 && !element.closest(".item-graph__canvas *"))
      .map((element) => element.tagName + "." + element.className)`);

  const timelineTitles = () =>
    page.getByTestId("timeline-entry").locator(":scope > .trace-step__body .trace-step__title").allTextContents();

  it("finds the demo's traced coffee lot by GraphQL: the product's item that travelled in a shipment", async () => {
    const { listings } = await gql<{ listings: { nodes: { title: string; items: TracedItem[] }[] } }>(
      `{ listings(search: "Yirgacheffe") { nodes { title items { id epc } } } }`,
    );
    const items = listings.nodes.flatMap((listing) => listing.items);
    assert.equal(items.length, 2, "green beans and the roasted lot made from them");
    for (const item of items) {
      const { provenance } = await gql<{ provenance: { containers: unknown[] } }>(
        `query($id: Bytes32!) { provenance(itemId: $id) { containers { containerId } } }`,
        { id: item.id },
      );
      if (provenance.containers.length > 0) lot = item;
    }
    assert.ok(lot, "one of them was packed into a shipment");
  });

  it("opens the trace by EPC: timeline in chain order with the correction beside the packing event", async () => {
    await page.goto(`${stack.url}/provenance`);
    await page.getByLabel("Item id or EPC").fill(lot.epc);
    await page.getByRole("button", { name: "Show trace" }).click();
    await page.getByRole("heading", { name: "Lot ROAST-2026-11" }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/provenance/${lot.id}`);
    assert.equal(await page.getByTestId("item-epc").textContent(), lot.epc);
    assert.deepEqual(await timelineTitles(), [
      "Made by a transformation",
      "Packed",
      "Packed into Shipment 1234567890",
      "Hand-off started",
      "Hand-off accepted", // merchant to carrier, while in the shipment
      "Departed",
      "Hand-off started",
      "Hand-off accepted", // carrier to buyer
      "Unpacked from Shipment 1234567890",
      "Attested by an auditor",
    ]);
    const packing = page.getByTestId("timeline-entry").nth(1);
    assert.match((await packing.textContent())!, /As first recorded \(corrected\).*WRONG/);
    assert.match(
      (await packing.getByTestId("timeline-correction").textContent())!,
      /Correction in force.*Location: INNSBRUCK \(site 0614141\.00002\)/,
    );
    const departed = page.getByTestId("timeline-entry").nth(5);
    assert.match((await departed.textContent())!, /While packed in Shipment 1234567890.*Status: in transit.*MUC-HUB/);
    const evidence = await departed.getByRole("link", { name: /Evidence/ }).getAttribute("href");
    assert.match(evidence!, /\/ipfs\/b[a-z2-7]+$/);
    assert.equal((await fetch(evidence!)).status, 200, "the evidence link resolves through the API's IPFS gateway");
    await screenshot(page, SHOTS, "01-trace-timeline");
  });

  it("shows the custody chain: merchant to carrier to buyer, both accepted, each named as on the ledger", async () => {
    const demo = JSON.parse(readFileSync(`${stack.dataDir}/demo/accounts.json`, "utf8")) as {
      carrier: string;
      merchants: { account: string }[];
      buyers: string[];
    };
    const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
    const steps = page.getByTestId("custody-step");
    assert.equal(await steps.count(), 2);
    const texts = await steps.allTextContents();
    const merchant = `Alpine Coffee Roasters \\(${short(demo.merchants[0].account)}\\)`;
    const carrier = `Carrier \\(${short(demo.carrier)}\\)`;
    assert.match(texts[0], new RegExp(`^${merchant}.*${carrier}.*accepted.*With Shipment`, "i"));
    assert.match(texts[1], new RegExp(`${carrier}.*${short(demo.buyers[0])}.*accepted`, "i"));
    await page.getByRole("heading", { name: "Custody" }).scrollIntoViewIfNeeded();
    await screenshot(page, SHOTS, "02-trace-custody-and-graph");
  });

  it("draws the lot's graph: made from the green beans, packed into the shipment, the same as a list", async () => {
    const nodes = page.getByTestId("graph-node");
    assert.deepEqual(await nodes.evaluateAll((links) => links.map((link) => link.getAttribute("aria-label"))), [
      "Lot GREEN-2026-07",
      "Lot ROAST-2026-11 (this item)",
      "Shipment 1234567890",
    ]);
    assert.equal(await page.locator(".item-graph__edge--made").count(), 1);
    assert.equal(await page.locator(".item-graph__edge--packed").count(), 1);
    assert.deepEqual(await page.getByTestId("graph-list").getByRole("listitem").allTextContents(), [
      "Lot GREEN-2026-07 was made into Lot ROAST-2026-11",
      `Lot ROAST-2026-11 was packed into Shipment 1234567890 for order #${stack.demo.orders.Completed}, later unpacked`,
    ]);
  });

  it("downloads the EPCIS 2.0 export as a JSON-LD file naming the lot's EPC", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /Download EPCIS 2\.0 export/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^epcis-urn_epc_id_lgtin_0614141\.107347\.ROAST-2026-11\.jsonld$/);
    const document = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(document.type, "EPCISDocument");
    assert.equal(document.schemaVersion, "2.0");
    const events: Record<string, unknown>[] = document.epcisBody.eventList;
    assert.ok(
      events.some((event) => (event.childEPCs as string[] | undefined)?.includes(lot.epc)),
      "the aggregation names the lot",
    );
    assert.ok(
      events.some((event) => (event.outputEPCList as string[] | undefined)?.includes(lot.epc)),
      "the roasting names the lot",
    );
  });

  it("downloads the lot's recall as CSV; without a session (not signed in) it names no buyer", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download recall (CSV)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `recall-${lot.id}.csv`);
    const rows = readFileSync(await download.path(), "utf8")
      .trimEnd()
      .split("\r\n");
    assert.equal(rows[0], "kind,item_id,epc,status,reached_by,from,order_id,merchant,buyer");
    assert.match(rows[1], new RegExp(`^item,${lot.id},${lot.epc},Active,recalled,`));
    assert.match(rows[2], /^container,0x[0-9a-f]{64},urn:epc:id:sscc:0614141\.1234567890,/);
    assert.match(rows[3], /^order,.*,0x[0-9a-f]{40},$/, "an order row with its merchant and no buyer");
    assert.equal(rows.length, 4);
  });

  it("walks the auditor area: the lot's events, its recall, and its export verified in the browser", async () => {
    const auditor = (await newPage(browser, stack, { account: BUYER })).page;
    await auditor.goto(`${stack.url}/audit`);
    await auditor.getByLabel("Item", { exact: true }).fill(lot.epc);
    await auditor.getByRole("button", { name: "Find events" }).click();
    const { provenanceEvents } = await gql<{ provenanceEvents: { nodes: { blockNumber: number }[] } }>(
      `query($id: Bytes32!) { provenanceEvents(filter: { item: $id }) { nodes { blockNumber } } }`,
      { id: lot.id },
    );
    assert.ok(provenanceEvents.nodes.length > 0);
    await untilTrueInPage(
      auditor,
      `document.querySelectorAll('[data-testid="audit-event"]').length === ${provenanceEvents.nodes.length}`,
    );
    const blocks = await auditor.getByTestId("audit-event").locator("td:last-child").allTextContents();
    assert.deepEqual(
      blocks,
      provenanceEvents.nodes.map((event) => String(event.blockNumber)),
    );

    await auditor.getByLabel("Item id or EPC").nth(0).fill(lot.id);
    await auditor.getByRole("button", { name: "Recall", exact: true }).click();
    const recall = auditor.getByTestId("recall");
    await recall.getByTestId("recall-order").first().waitFor();
    const entries = await recall.getByTestId("recall-entry").allTextContents();
    assert.ok(
      entries.some((entry) => entry.includes(lot.epc) && entry.includes("recalled")),
      entries.join("\n"),
    );
    assert.ok(
      entries.some((entry) => entry.includes("carried")),
      "the shipment that carried the lot",
    );

    await auditor.getByLabel("Item id or EPC").nth(1).fill(lot.id);
    await auditor.getByRole("button", { name: "Prepare export" }).click();
    const [download] = await Promise.all([
      auditor.waitForEvent("download"),
      auditor.getByRole("button", { name: /Download EPCIS 2\.0 export/ }).click(),
    ]);
    const exported = await download.path();
    await auditor.getByLabel("Export file").setInputFiles(exported);
    await auditor.getByRole("button", { name: "Verify" }).click();
    await auditor.getByRole("status").filter({ hasText: "Verified." }).waitFor();

    const altered = JSON.parse(readFileSync(exported, "utf8"));
    const packing = altered.epcisBody.eventList.find((event: { type: string }) => event.type === "AggregationEvent");
    packing.bizStep = "urn:epcglobal:cbv:bizstep:receiving";
    await auditor.getByLabel("Export file").setInputFiles({
      name: "altered.jsonld",
      mimeType: "application/ld+json",
      buffer: Buffer.from(JSON.stringify(altered)),
    });
    await auditor.getByRole("button", { name: "Verify" }).click();
    const refused = auditor.getByRole("status").filter({ hasText: "Refused: 1 finding(s)." });
    await refused.waitFor();
    assert.match(
      String(await refused.getByTestId("verify-finding").textContent()),
      /^Altered \(urn:uuid:[0-9a-f-]+\): bizStep says/,
    );
    // The file cannot choose the contract it is checked against: a contract other than the named one is refused.
    const contract = auditor.getByLabel("Provenance contract");
    assert.match(await contract.inputValue(), /^0x[0-9a-fA-F]{40}$/);
    await auditor.getByLabel("Export file").setInputFiles(exported);
    await contract.fill("0x000000000000000000000000000000000000dEaD");
    await auditor.getByRole("button", { name: "Verify" }).click();
    await auditor.getByRole("alert").filter({ hasText: "cl:provenance: the export is of contract" }).waitFor();
    await screenshot(auditor, SHOTS, "audit");
    await auditor.close();
  });

  it("shows the lot's GS1 Digital Link beside its QR code (an SVG), which leads back to this trace", async () => {
    const link = `${stack.url}/01/10614141073471/10/ROAST-2026-11`;
    const figure = page.getByTestId("digital-link");
    assert.equal(await figure.getByTestId("digital-link-url").textContent(), link);
    const code = figure.getByRole("img", { name: "QR code of the item's GS1 Digital Link" });
    assert.equal(await code.evaluate((element) => element.tagName), "svg");
    // Its dark squares are the modules of the link's QR code, square for square.
    const { modules } = create(link, { errorCorrectionLevel: "M" });
    const drawn = [...(await code.locator("path").getAttribute("d"))!.matchAll(/M(\d+) (\d+)/g)].map(
      (m) => `${m[1]},${m[2]}`,
    );
    const expected = [...modules.data.keys()]
      .filter((index) => modules.data[index])
      .map((index) => `${index % modules.size},${Math.floor(index / modules.size)}`);
    assert.deepEqual(drawn.sort(), expected.sort());
    await figure.scrollIntoViewIfNeeded();
    await screenshot(page, SHOTS, "02b-trace-digital-link");
    // What a phone does with the scanned link: the resolver redirects it to this trace page.
    await page.goto(link);
    await page.getByRole("heading", { name: "Lot ROAST-2026-11" }).waitFor();
    assert.equal(page.url(), `${stack.url}/provenance/${lot.id}`);
  });

  it("follows a graph node by keyboard to the origin lot's trace", async () => {
    await page.getByTestId("graph-node").first().focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Lot GREEN-2026-07" }).waitFor();
    assert.deepEqual(await timelineTitles(), ["Registered on the ledger", "Created at origin", "Transformed"]);
    assert.deepEqual(await page.getByTestId("graph-list").getByRole("listitem").allTextContents(), [
      "Lot GREEN-2026-07 was made into Lot ROAST-2026-11",
    ]);
  });

  it("links the product page to the traces of its items", async () => {
    await page.goto(stack.url);
    await page.getByRole("link", { name: "Yirgacheffe Single Origin, 1 kg" }).click();
    await page.getByRole("heading", { name: "Provenance" }).waitFor();
    assert.deepEqual(await page.getByTestId("traced-item").allTextContents(), [
      "Lot GREEN-2026-07",
      "Lot ROAST-2026-11",
    ]);
    await page.getByRole("heading", { name: "Provenance" }).scrollIntoViewIfNeeded();
    await screenshot(page, SHOTS, "03-product-traced-items");
    await page.getByTestId("traced-item").last().click();
    await page.getByRole("heading", { name: "Lot ROAST-2026-11" }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/provenance/${lot.id}`);
  });

  it("lays the trace out for a 375 px phone, the graph turned into rows", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${stack.url}/provenance/${lot.id}`);
    // The graph measures its box once rendered, then turns its columns into rows.
    await untilTrueInPage(
      page,
      `(() => {
      const nodes = [...document.querySelectorAll("[data-testid=graph-node]")]
        .map((node) => node.getBoundingClientRect());
      return nodes.length === 3 && nodes[2].top > nodes[0].bottom;
    })()`,
    );
    assert.deepEqual(await overflowing(page), [], "no element reaches past the 375 px viewport");
    await screenshot(page, SHOTS, "04-trace-phone-375px");
  });

  it("tells a signed-in buyer plainly that the account is not a merchant", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.url}/merchant`);
    await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
    await page.getByText("This account is not a merchant").waitFor();
    await screenshot(page, SHOTS, "05-merchant-not-a-merchant");
  });

  it("links the buyer's order to what was packed for it and the shipment it went in", async () => {
    await page.goto(`${stack.url}/orders/${stack.demo.orders.Completed}`);
    await page.getByRole("heading", { name: "Provenance" }).waitFor();
    assert.deepEqual(await page.getByTestId("traced-item").allTextContents(), [
      "Lot ROAST-2026-11",
      "Shipment 1234567890",
    ]);
    await screenshot(page, SHOTS, "06-order-traced-items");
    await page.getByTestId("traced-item").last().click();
    await page.getByRole("heading", { name: "Shipment 1234567890" }).waitFor();
    assert.deepEqual(await page.getByTestId("graph-list").getByRole("listitem").allTextContents(), [
      `Lot ROAST-2026-11 was packed into Shipment 1234567890 for order #${stack.demo.orders.Completed}, later unpacked`,
    ]);
  });

  it("shows the merchant's sales per day, orders to ship by deadline and low stock", async () => {
    const { page: merchantPage } = await newPage(browser, stack, { account: ALPINE });
    await merchantPage.goto(`${stack.url}/merchant`);
    await merchantPage.getByRole("button", { name: "Sign in with Ethereum" }).click();
    await merchantPage.getByTestId("sales-chart").first().waitFor();
    const { token } = JSON.parse(
      (await merchantPage.evaluate(() => localStorage.getItem("storefront.session.v1")))!,
    ) as { token: string };
    const { orders } = await gql<{
      orders: { nodes: { id: string; status: string; placedAt: string; shipBy: string; token: string }[] };
    }>("{ orders(role: MERCHANT, first: 100) { nodes { id status placedAt shipBy token } } }", {}, token);
    assert.equal(
      await merchantPage.getByTestId("sales-chart").count(),
      new Set(orders.nodes.filter((o) => !RETURNED.includes(o.status)).map((o) => o.token)).size,
      "one chart per payment token",
    );
    const bars = merchantPage.getByTestId("sales-bar");
    assert.equal(await bars.count(), 30, "one bar per day of the last 30");
    const barDays = await bars.evaluateAll((rects) =>
      rects.filter((rect) => rect.getAttribute("data-amount") !== "0").map((rect) => rect.getAttribute("data-day")),
    );
    const saleDays = [
      ...new Set(orders.nodes.filter((o) => !RETURNED.includes(o.status)).map((o) => o.placedAt.slice(0, 10))),
    ].sort();
    assert.deepEqual(barDays, saleDays, "a bar above zero on each day with sales");

    const toShip = orders.nodes
      .filter((o) => ["Placed", "Accepted"].includes(o.status))
      .sort((a, b) => Date.parse(a.shipBy) - Date.parse(b.shipBy));
    assert.equal(toShip.length, 2, "the demo leaves one placed and one accepted order");
    assert.deepEqual(
      await merchantPage.getByTestId("order-to-ship").getByRole("link").allTextContents(),
      toShip.map((o) => `Order #${o.id}`),
    );
    assert.match((await merchantPage.getByTestId("order-to-ship").first().textContent())!, /Ship by/);
    assert.deepEqual(await merchantPage.getByTestId("low-stock-listing").getByRole("link").allTextContents(), [
      "Ceramic Pour-Over Dripper",
    ]);
    await merchantPage.getByLabel("Show listings with fewer units than").fill("100");
    assert.equal(await merchantPage.getByTestId("low-stock-listing").count(), 3);
    await merchantPage.getByLabel("Show listings with fewer units than").fill("20");
    await screenshot(merchantPage, SHOTS, "07-merchant-dashboard");

    await merchantPage.setViewportSize({ width: 375, height: 800 });
    await untilTrueInPage(
      merchantPage,
      `document.querySelector("[data-testid=sales-chart]").getBoundingClientRect().width < 375`,
    );
    assert.deepEqual(await overflowing(merchantPage), [], "no element reaches past the 375 px viewport");
    assert.equal(await merchantPage.getByTestId("sales-bar").count(), 30);
    await screenshot(merchantPage, SHOTS, "08-merchant-dashboard-phone-375px");
  });

  it("shows the merchant's funds per token, and pays its settled sales out with a wallet transaction", async () => {
    const { page: merchantPage, wallet } = await newPage(browser, stack, { account: ALPINE });
    await merchantPage.goto(`${stack.url}/merchant`);
    await merchantPage.getByRole("button", { name: "Sign in with Ethereum" }).click();
    const funds = merchantPage.getByTestId("merchant-funds");
    await funds.waitFor();
    const withdrawnBefore = await funds.locator("tbody tr td:nth-child(2)").allTextContents();
    const owed = await withdrawEach(merchantPage);
    assert.equal(wallet.calls.filter((call) => call === "eth_sendTransaction").length, owed);
    await untilTrueInPage(
      merchantPage,
      `[...document.querySelectorAll("[data-testid=merchant-funds] tbody tr td:nth-child(2)")]
        .map((cell) => cell.textContent).join("|") !== ${JSON.stringify(withdrawnBefore.join("|"))}`,
    );
    await screenshot(merchantPage, SHOTS, "09-merchant-funds-withdrawn");
  });

  // Last before the CSP check: it moves the chain's clock 15 days, past every demo deadline.
  it("lets the keeper complete an order its buyer never confirmed; the merchant withdraws the sale", async () => {
    const shipped = stack.demo.orders.Shipped;
    const { page: merchantPage, wallet } = await newPage(browser, stack, { account: NORDIC });
    await merchantPage.goto(`${stack.url}/merchant`);
    await merchantPage.getByRole("button", { name: "Sign in with Ethereum" }).click();
    await merchantPage.getByTestId("merchant-funds").waitFor();
    const { token } = JSON.parse((await merchantPage.evaluate(() => localStorage.getItem("storefront.session.v1")))!);
    const orderQuery = `{ order(id: "${shipped}") { status confirmBy settlement { merchantAmount txHash } } }`;
    const before = (await gql<{ order: { status: string; confirmBy: string } }>(orderQuery, {}, token)).order;
    assert.equal(before.status, "Shipped", "the buyer has not confirmed the demo's shipped order");

    const rpc = (method: string, params: unknown[]) =>
      fetch(stack.rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
    await rpc("evm_increaseTime", [15 * 86_400]);
    await rpc("evm_mine", []);
    let settled: { status: string; settlement: { merchantAmount: string; txHash: string } | null } | undefined;
    for (const deadline = Date.now() + 30_000; settled?.status !== "Completed"; ) {
      assert.ok(Date.now() < deadline, `the keeper finalised order ${shipped} (status ${settled?.status})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      settled = (await gql<{ order: NonNullable<typeof settled> }>(orderQuery, {}, token)).order;
    }
    const finalisedBy = await (await rpc("eth_getTransactionByHash", [settled.settlement!.txHash])).json();
    assert.notEqual(finalisedBy.result.from.toLowerCase(), stack.demo.merchants[1].account.toLowerCase());
    assert.notEqual(finalisedBy.result.from.toLowerCase(), stack.demo.buyers[0].toLowerCase(), "nobody's own call");

    await merchantPage.reload();
    await merchantPage.getByTestId("merchant-funds").waitFor();
    const owed = await withdrawEach(merchantPage);
    assert.ok(owed >= 1, "the keeper's settlement is money to collect");
    assert.equal(wallet.calls.filter((call) => call === "eth_sendTransaction").length, owed);
    await screenshot(merchantPage, SHOTS, "10-keeper-finalised-and-withdrawn");
  });

  it("renders the trace, its graph and the dashboard's chart within the page's Content-Security-Policy", () => {
    assert.deepEqual(cspViolations, []);
  });
});
