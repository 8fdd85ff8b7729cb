import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { getAddress } from "viem";
import { startTogether } from "../helpers/start-together.ts";
import { runCli } from "../cli/system.ts";
import {
  cspViolations,
  hardhatKey,
  newPage,
  openBrowser,
  screenshot,
  startStack,
  untilTrueInPage,
  withdrawEach,
  type Stack,
} from "./harness.ts";
import type { TestWallet } from "./test-wallet.ts";

const SHOTS = "storefront";
const BUYER = 11; // the demo's buyer "ada", who holds native currency and the demo CUSD
const ALPINE = 6; // the demo merchant selling coffee for native currency
const NORDIC = 7; // the demo merchant selling textiles for CUSD
const NO_CUSD = 13; // a funded account that never received the demo ERC-20
const EXPLORER = "https://explorer.example";

// A 1x1 PNG: the evidence photo a buyer attaches.
const PARCEL_PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("the storefront in a real browser, against npm start's demo ledger", { timeout: 170_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let wallet: TestWallet;
  const orders: { native?: string; erc20?: string } = {};

  before(async () => {
    await startTogether(
      // No keeper: the reclaim journey below is the buyer's own call, which the keeper would race.
      [startStack({ EXPLORER_URL: EXPLORER, KEEPER: "false" }), openBrowser()],
      (started) => ([stack, browser] = started as [Stack, Browser]),
    );
    // The wallet starts on Ethereum mainnet, so the storefront has to ask for the switch.
    ({ page, wallet } = await newPage(browser, stack, { account: BUYER, startChainId: 1 }));
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const merchantCli = (merchant: number, ...args: string[]) =>
    runCli(["--json", ...args], {
      ...process.env,
      RPC_URL: stack.rpcUrl,
      IPFS_API_URL: stack.ipfsApiUrl,
      DATA_DIR: stack.dataDir,
      API_URL: stack.graphqlUrl,
      DEPLOYMENTS_DIR: stack.deploymentsDir,
      MERCHANT_KEYSTORE: join(stack.dataDir, "merchant", "keystore.json"),
      MERCHANT_PRIVATE_KEY: hardhatKey(merchant),
      LOG_LEVEL: "warn",
    });

  const shipFromCli = async (merchant: number, orderId: string, carrier: string) => {
    for (const args of [
      ["orders", "accept", orderId],
      ["orders", "ship", orderId, "--carrier", carrier, "--tracking", "JD014600003"],
    ]) {
      const result = await merchantCli(merchant, ...args);
      assert.equal(result.code, 0, result.stderr);
    }
  };

  /** The API's answer to an anonymous `query`, or undefined with errors. */
  const graphql = async <T>(query: string) => {
    const response = await fetch(stack.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    return ((await response.json()) as { data?: T }).data;
  };

  /**
   * Waits until the API's index answers `query` as `done` wants (the indexer follows the chain and resolves
   * IPFS documents by polling).
   */
  const indexed = async <T>(query: string, done: (data: T) => boolean) => {
    for (
      const deadline = Date.now() + 30_000;
      Date.now() < deadline;
      await new Promise((resolve) => setTimeout(resolve, 200))
    ) {
      const data = await graphql<T>(query);
      if (data && done(data)) return;
    }
    assert.fail(`the index did not answer ${query} as expected in 30 s`);
  };

  /** What the escrow owes `account` in the native currency, as the index says (GraphQL `account`). */
  const nativeBalance = async (account: string) => {
    const data = await graphql<{ account: { balances: { token: string; amount: string; withdrawn: string }[] } }>(
      `{ account(address: "${account}") { balances { token amount withdrawn } } }`,
    );
    const native = data!.account.balances.find((balance) => BigInt(balance.token) === 0n);
    return { amount: BigInt(native?.amount ?? 0), withdrawn: BigInt(native?.withdrawn ?? 0) };
  };

  /** Moves the chain's clock `seconds` ahead and mines a block at the new time. */
  const moveChainTime = async (seconds: number) => {
    for (const [method, params] of [
      ["evm_increaseTime", [seconds]],
      ["evm_mine", []],
    ] as const)
      await fetch(stack.rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
  };
  const listingIndexed = (listingId: string, done: (listing: { stock: string; status: string }) => boolean) =>
    indexed<{ listing: { stock: string; status: string } }>(
      `{ listing(id: "${listingId}") { stock status } }`,
      (data) => done(data.listing),
    );

  /** Adds the product to the cart from its page; returns the listing id (from the page's address). */
  const addToCart = async (page: Page, product: string, quantity: number, shots?: string) => {
    await page.goto(stack.url);
    await page.getByRole("link", { name: product }).click();
    await page.getByLabel("Quantity").fill(String(quantity));
    if (shots) await screenshot(page, SHOTS, `${shots}-product-page`);
    await page.getByRole("button", { name: "Add to cart" }).click();
    return page.url().split("/listing/")[1];
  };

  /**
   * From the product page just added to the cart: cart, checkout (signing in first when the account has no session:
   * the sealed address is uploaded with it), address, pay.
   */
  const checkOutCart = async (page: Page, shots?: string) => {
    await page.getByRole("link", { name: "View your cart" }).click();
    if (shots) await screenshot(page, SHOTS, `${shots}-cart`);
    await page.getByRole("link", { name: "Check out this order" }).click();
    const signIn = page.getByRole("button", { name: "Sign in with Ethereum" });
    await signIn.or(page.getByLabel("Full name")).waitFor();
    if (await signIn.isVisible()) await signIn.click();
    await page.getByLabel("Full name").fill("Ada Lovelace");
    await page.getByLabel("Address line 1").fill("12 St James's Square");
    await page.getByLabel("Postal code").fill("SW1Y 4JH");
    await page.getByLabel("City").fill("London");
    await page.getByLabel("Country code (e.g. DE)").fill("GB");
    if (shots) await screenshot(page, SHOTS, `${shots}-checkout-form`);
    await page.getByRole("button", { name: "Place order and pay" }).click();
  };

  /** Removes every line from the cart (the stock journey leaves a cancelled listing in it). */
  const emptyCart = async (page: Page) => {
    await page.goto(`${stack.url}/cart`);
    await page.getByRole("heading", { name: "Your cart" }).waitFor();
    const lines = `document.querySelectorAll("button[aria-label^='Remove ']").length`;
    for (let left = (await page.getByRole("button", { name: /^Remove / }).count()) - 1; left >= 0; left--) {
      await page
        .getByRole("button", { name: /^Remove / })
        .first()
        .click();
      await untilTrueInPage(page, `${lines} === ${left}`);
    }
  };

  const startCheckout = async (page: Page, product: string, quantity: number, shots?: string) => {
    await addToCart(page, product, quantity, shots);
    await checkOutCart(page, shots);
  };

  const checkout = async (product: string, quantity: number, shots?: string) => {
    await startCheckout(page, product, quantity, shots);
    const confirmed = page.getByText(/^Order #\d+ confirmed$/);
    const failed = page.getByText("The order was not placed");
    await confirmed.or(failed).waitFor({ timeout: 30_000 });
    if (await failed.isVisible())
      assert.fail(`checkout failed: ${await page.locator(".notice--error").allTextContents()}`);
    return (await confirmed.textContent())!.match(/#(\d+)/)![1];
  };

  it("shows the product grid of the demo catalogue (time to first grid printed)", async () => {
    await page.goto(stack.url);
    const firstGrid = async () => {
      await page.getByTestId("product-card").first().waitFor();
      return (await page.evaluate(
        `[performance.getEntriesByName("storefront:first-product-grid")[0].startTime,
          performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd]`,
      )) as number[];
    };
    const [cold, coldDomReady] = await firstGrid();
    await page.reload();
    const [warm] = await firstGrid();
    console.log(
      "time to first product grid (navigation start to the grid on screen): " +
        `${Math.round(cold)} ms with an empty cache (DOMContentLoaded ${Math.round(coldDomReady)} ms), ` +
        `${Math.round(warm)} ms on reload`,
    );
    assert.equal(await page.getByTestId("product-card").count(), 5);
    await screenshot(page, SHOTS, "01-grid-wrong-network");
  });

  it("searches, filters by category, currency, price and stock, and sorts", async () => {
    await page.getByLabel("Search products").fill("coffee");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText("3 products").waitFor();
    await page.getByRole("radio", { name: /^Beans/ }).check();
    await page.getByText("2 products").waitFor();
    await page.getByLabel("Sort by").selectOption("PRICE_ASC");
    await page
      .getByTestId("product-card")
      .first()
      .getByRole("heading", { name: "Huila Espresso Blend, 500 g" })
      .waitFor();
    assert.deepEqual(await page.getByTestId("product-card").getByRole("heading").allTextContents(), [
      "Huila Espresso Blend, 500 g",
      "Yirgacheffe Single Origin, 1 kg",
    ]);
    await screenshot(page, SHOTS, "02-search-coffee-beans-by-price");

    await page.goto(stack.url);
    await page.getByLabel("Currency").selectOption(getAddress(stack.demo.token));
    await page.getByLabel("Min (CUSD)").fill("100");
    await page.getByLabel("In stock only").check();
    await page.getByText("1 product", { exact: true }).waitFor();
    assert.deepEqual(await page.getByTestId("product-card").getByRole("heading").allTextContents(), [
      "Merino Wool Blanket, Fjord Blue",
    ]);
    await screenshot(page, SHOTS, "03-filter-cusd-over-100");
  });

  it("offers to switch the wallet to the ledger's chain, then shows the account", async () => {
    await page.getByRole("button", { name: /Switch to Commerce ledger/ }).click();
    await page.getByText(`${wallet.address.slice(0, 6)}…${wallet.address.slice(-4)}`).waitFor();
    assert.ok(wallet.calls.includes("wallet_switchEthereumChain"));
    await screenshot(page, SHOTS, "04-switched-network");
  });

  it("signs in with Ethereum and lists the buyer's orders", async () => {
    await page.getByRole("link", { name: "My orders" }).click();
    await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
    await page.getByText(`Signed in as ${wallet.address}`).waitFor();
    assert.ok((await page.getByTestId("order-row").count()) > 0, "the demo buyer has orders");
    await screenshot(page, SHOTS, "05-signed-in-orders");
  });

  it("shows refunds of the buyer's rejected and refunded orders as money to collect, and withdraws each", async () => {
    await page.getByTestId("escrow-balance").first().waitFor();
    await screenshot(page, SHOTS, "05b-money-to-collect");
    const sent = wallet.calls.length;
    const owed = await withdrawEach(page);
    const withdrawals = wallet.calls.slice(sent).filter((call) => call === "eth_sendTransaction");
    assert.equal(withdrawals.length, owed, "one wallet transaction per token");
    assert.equal(await page.getByTestId("escrow-balances").count(), 0, "nothing left to collect");
  });

  it("checks out in native currency: address sealed for the merchant, confirmation with its transaction", async () => {
    orders.native = await checkout("Huila Espresso Blend, 500 g", 2, "06");
    const txLink = page.locator(".notice--success a.tx-hash");
    assert.match((await txLink.getAttribute("href"))!, new RegExp(`^${EXPLORER}/tx/0x[0-9a-f]{64}$`));
    await screenshot(page, SHOTS, "06-checkout-native-confirmed");
  });

  it("checks out with an ERC-20 using a permit signature", async () => {
    const signaturesBefore = wallet.calls.filter((call) => call === "eth_signTypedData_v4").length;
    orders.erc20 = await checkout("Linen Tea Towels, Set of 3", 1);
    assert.equal(
      wallet.calls.filter((call) => call === "eth_signTypedData_v4").length,
      signaturesBefore + 1,
      "one EIP-2612 permit signed",
    );
    await screenshot(page, SHOTS, "07-checkout-erc20-permit-confirmed");
  });

  it("prices shipping by country, takes a voucher at checkout; refuses an unserved country, a bad code", async () => {
    const created = await merchantCli(ALPINE, "voucher", "create", "--code", "COFFEE20", "--percent", "20");
    assert.equal(created.code, 0, created.stderr);
    await addToCart(page, "Huila Espresso Blend, 500 g", 1);
    const regions = await page.getByTestId("shipping-regions").locator("tbody tr").allTextContents();
    const expected = [/^ATFree$/, /^DEFree$/, /^FI0\.003 \S+$/, /^GB0\.004 \S+$/, /^NLFree$/, /^SEFree$/];
    assert.equal(regions.length, expected.length, regions.join());
    for (const [i, row] of regions.entries()) assert.match(row.replace(/\s+/g, " "), expected[i]);
    assert.equal(
      await page.getByTestId("return-policy").textContent(),
      "Returns accepted within 30 days; you pay the return shipping.",
    );
    const voucherField = () => page.getByLabel("Voucher code (optional)");
    const checkOutWith = async (code: string) => {
      await voucherField().fill(code);
      await page.getByRole("button", { name: "Place order and pay" }).click();
    };
    await page.getByRole("link", { name: "View your cart" }).click();
    await page.getByRole("link", { name: "Check out this order" }).click();
    await page.getByLabel("Full name").fill("Ada Lovelace");
    await page.getByLabel("Address line 1").fill("12 St James's Square");
    await page.getByLabel("Postal code").fill("SW1Y 4JH");
    await page.getByLabel("City").fill("London");
    await page.getByLabel("Country code (e.g. DE)").fill("US");
    await page.getByRole("button", { name: "Place order and pay" }).click();
    await page
      .getByText(
        '"Huila Espresso Blend, 500 g" does not ship to US. The merchant ships it to AT, DE, FI, GB, NL and SE.',
      )
      .waitFor();
    await page.getByLabel("Country code (e.g. DE)").fill("GB");
    await checkOutWith("SPRING");
    await page
      .getByText("The voucher code cannot be used: no voucher SPRING. Change or remove it and try again.")
      .waitFor();
    await checkOutWith("coffee20");
    const confirmed = page.getByText(/^Order #\d+ confirmed$/);
    await confirmed.waitFor({ timeout: 30_000 });
    const charges = await page.locator(".checkout__charges").textContent();
    assert.match(charges!, /^Shipping to GB: 0\.004 \S+; voucher COFFEE20: .+ off; you pay .+$/);
    for (let deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const listed = await merchantCli(ALPINE, "voucher", "list");
      const vouchers = JSON.parse(listed.stdout) as { code: string; uses: number }[];
      if (vouchers.find((voucher) => voucher.code === "COFFEE20")?.uses === 1) break;
      assert.ok(Date.now() < deadline, "the escrow redeemed the voucher once, as the index shows");
    }
    await screenshot(page, SHOTS, "07b-checkout-voucher-confirmed");
  });

  it("shows the order move to Shipped live when the merchant ships it from the CLI", async () => {
    await page.goto(`${stack.url}/orders/${orders.native}`);
    await page.getByText("Live updates on").waitFor();
    await page.getByTestId("order-status").filter({ hasText: "Placed" }).waitFor();
    await screenshot(page, SHOTS, "08-order-placed-live");
    await shipFromCli(ALPINE, orders.native!, "DHL");
    await page.getByTestId("order-status").filter({ hasText: "Shipped" }).waitFor({ timeout: 15_000 });
    await screenshot(page, SHOTS, "09-order-shipped-live");
  });

  it("shows the parcel's carrier and tracking number, linked to the carrier's tracking page", async () => {
    const tracking = page.getByTestId("order-tracking");
    await tracking.filter({ hasText: "DHL" }).filter({ hasText: "JD014600003" }).waitFor({ timeout: 15_000 });
    assert.equal(
      await tracking.getByRole("link", { name: "Track the parcel" }).getAttribute("href"),
      "https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD014600003",
    );
    await screenshot(page, SHOTS, "09-order-tracking");
  });

  it("lists every step pushed live in the order's timeline", async () => {
    await page.getByTestId("order-timeline").getByText("Shipped").waitFor({ timeout: 3_000 });
  });

  it("confirms delivery and leaves a verified-purchase review", async () => {
    await page.getByRole("button", { name: "Confirm delivery" }).click();
    await page.getByTestId("order-status").filter({ hasText: "Completed" }).waitFor({ timeout: 15_000 });
    await screenshot(page, SHOTS, "10-order-completed");
    await page.getByRole("radio", { name: "5 stars" }).check();
    await page.getByLabel("Title (optional)").fill("Lovely crema");
    await page.getByLabel("Your review").fill("Chocolatey and smooth; arrived well packed.");
    await page.getByRole("button", { name: "Post review" }).click();
    await page.getByText("You reviewed this order. Thank you!").waitFor({ timeout: 15_000 });
    await screenshot(page, SHOTS, "11-reviewed");
    await page.goto(stack.url);
    await page.getByRole("link", { name: "Huila Espresso Blend, 500 g" }).click();
    const listingId = page.url().split("/listing/")[1];
    await indexed<{ listing: { reviews: { title: string | null }[] } }>(
      `{ listing(id: "${listingId}") { reviews { title } } }`,
      (data) => data.listing.reviews.some((review) => review.title === "Lovely crema"),
    );
    await page.reload();
    const review = page.locator(".review").filter({ hasText: "Lovely crema" });
    await review.waitFor();
    assert.match((await review.textContent())!, new RegExp(`Verified purchase · order #${orders.native}`));
    await screenshot(page, SHOTS, "11-review-on-product-page");
  });

  it("opens a dispute with uploaded evidence on a shipped order", async () => {
    await shipFromCli(NORDIC, orders.erc20!, "Posti");
    await page.goto(`${stack.url}/orders/${orders.erc20}`);
    await page.getByTestId("order-status").filter({ hasText: "Shipped" }).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: /open a dispute/ }).click();
    await page.getByLabel("What went wrong").fill("Two of the three towels are missing.");
    await page
      .getByLabel(/^Evidence/)
      .setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PARCEL_PHOTO });
    await screenshot(page, SHOTS, "12-dispute-form");
    await page.getByRole("button", { name: "Open dispute" }).click();
    await page.getByTestId("order-status").filter({ hasText: "Disputed" }).waitFor({ timeout: 15_000 });
    await screenshot(page, SHOTS, "13-disputed");
  });

  it("tells the buyer plainly if stock changed or the listing was cancelled since it went into the cart", async () => {
    const listingId = await addToCart(page, "Ceramic Pour-Over Dripper", 3);
    const cli = async (...args: string[]) => assert.equal((await merchantCli(ALPINE, ...args)).code, 0);
    await cli("stock", "set", listingId, "1");
    await listingIndexed(listingId, (listing) => listing.stock === "1");
    await checkOutCart(page);
    await page.getByText(/^Stock changed: only 1 left/).waitFor({ timeout: 30_000 });
    await screenshot(page, SHOTS, "14-stock-changed");
    await cli("listing", "cancel", listingId);
    await listingIndexed(listingId, (listing) => listing.status === "Cancelled");
    await page.getByRole("button", { name: "Place order and pay" }).click();
    await page.getByText(/cancelled/).waitFor({ timeout: 30_000 });
    await screenshot(page, SHOTS, "15-listing-cancelled");
  });

  it("explains a refused payment in plain words (an account without the ERC-20)", async () => {
    const { page: poorPage } = await newPage(browser, stack, { account: NO_CUSD });
    await startCheckout(poorPage, "Merino Wool Blanket, Fjord Blue", 1);
    await poorPage
      .getByText("Insufficient funds: your account does not hold enough of the payment token.")
      .waitFor({ timeout: 30_000 });
    await screenshot(poorPage, SHOTS, "16-insufficient-funds");
    await poorPage.context().close();
  });

  it("serves the storefront at / with client-side routes on reload, leaving the API's own paths alone", async () => {
    const get = (path: string) => fetch(`${stack.url}${path}`);
    for (const path of ["/", "/orders/1", "/listing/0x01"]) {
      const response = await get(path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get("content-type")!, /^text\/html/, path);
      assert.match(
        response.headers.get("content-security-policy")!,
        /script-src 'self';.*frame-ancestors 'none'/,
        path,
      );
    }
    assert.equal((await get("/assets/missing.js")).status, 404);
    assert.deepEqual(await (await get("/health")).json(), { status: "ok" });
    assert.deepEqual(await (await get("/graphql?query=%7B__typename%7D")).json(), { data: { __typename: "Query" } });
    assert.equal((await get("/ipfs/not-a-cid")).status, 400);
    assert.equal((await get("/graphql/anything")).status, 404);
  });

  it("works with the keyboard alone: skip link, search, open a product (focus moves to the new page)", async () => {
    await page.goto(stack.url);
    await page.getByTestId("product-card").first().waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate("document.activeElement.textContent"), "Skip to content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate("document.activeElement.id"), "main");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate("document.activeElement.id"), "search-text");
    await page.keyboard.type("blanket");
    await page.keyboard.press("Enter");
    await page.getByText("1 product", { exact: true }).waitFor();
    await page.getByRole("link", { name: "Merino Wool Blanket, Fjord Blue" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Merino Wool Blanket, Fjord Blue" }).waitFor();
    assert.equal(await page.evaluate("document.activeElement.id"), "main", "focus moves to the new page");
    await screenshot(page, SHOTS, "17-keyboard-product-page");
  });

  it("lays the shop, the cart and an order out for a 375 px wide phone", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    const pages = [
      ["/", page.getByTestId("product-card").first()],
      ["/cart", page.getByRole("heading", { name: "Your cart" })],
      [`/orders/${orders.native}`, page.getByTestId("order-timeline")],
    ] as const;
    for (const [index, [path, ready]] of pages.entries()) {
      await page.goto(`${stack.url}${path}`);
      await ready.waitFor();
      const overflowing = await page.evaluate(
        `[...document.querySelectorAll("body *")]
          .filter((element) => element.getBoundingClientRect().right > 375)
          .map((element) => element.tagName + "." + element.className)`,
      );
      assert.deepEqual(overflowing, [], `nothing on ${path} reaches past the 375 px viewport`);
      await screenshot(page, SHOTS, `18-phone-375px-${index + 1}`);
    }
  });

  it("offers the buyer its payment back once the merchant lets the ship-by deadline pass", async () => {
    const orderId = stack.demo.orders.Placed;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.url}/orders/${orderId}`);
    await page.getByText("Cancel order (full refund)").waitFor();
    assert.equal(await page.getByRole("button", { name: "Reclaim payment" }).count(), 0, "not before the deadline");
    await moveChainTime(31 * 86_400);
    await page.reload();
    await page.getByRole("button", { name: "Reclaim payment" }).click();
    await page.getByText("Reclaimed").first().waitFor({ timeout: 30_000 });
    await screenshot(page, SHOTS, "18-payment-reclaimed");
  });

  it("credits a cancelled order's refund beside the reclaimed payment; the buyer withdraws both to zero", async () => {
    const reclaimed = await nativeBalance(wallet.address);
    assert.ok(reclaimed.amount > 0n, "the reclaimed payment waits in the escrow");
    await emptyCart(page);
    const orderId = await checkout("Huila Espresso Blend, 500 g", 1);
    await page.goto(`${stack.url}/orders/${orderId}`);
    // Straight from checkout: the page waits for the index to show the order it was just told of.
    await page.getByRole("button", { name: "Cancel order (full refund)" }).click();
    await page.getByTestId("order-status").filter({ hasText: "Cancelled" }).waitFor({ timeout: 15_000 });
    const cancelled = await nativeBalance(wallet.address);
    assert.ok(cancelled.amount > reclaimed.amount, "the refund is credited, not paid to the wallet");
    await page.getByTestId("escrow-balances").getByText("Money to collect").waitFor({ timeout: 15_000 });
    await screenshot(page, SHOTS, "19-cancelled-money-to-collect");
    assert.equal(await withdrawEach(page), 1, "one token owed: the native currency");
    assert.deepEqual(await nativeBalance(wallet.address), {
      amount: 0n,
      withdrawn: reclaimed.withdrawn + cancelled.amount,
    });
    await page.goto(`${stack.url}/orders`);
    await page.getByTestId("order-row").first().waitFor();
    assert.equal(await page.getByTestId("escrow-balances").count(), 0, "nothing left to collect on My orders");
  });

  it("lets the merchant collect a shipped order its buyer never confirmed in time, then withdraw it", async () => {
    const orderId = await checkout("Huila Espresso Blend, 500 g", 1);
    await shipFromCli(ALPINE, orderId, "DHL");
    const { page: merchantPage, wallet: merchantWallet } = await newPage(browser, stack, { account: ALPINE });
    await merchantPage.goto(`${stack.url}/orders/${orderId}`);
    await merchantPage.getByRole("button", { name: "Sign in with Ethereum" }).click();
    await merchantPage.getByTestId("order-status").filter({ hasText: "Shipped" }).waitFor({ timeout: 15_000 });
    const collect = merchantPage.getByRole("button", { name: "Collect payment" });
    assert.equal(await collect.count(), 0, "not within the confirmation window");
    assert.equal(await merchantPage.getByRole("button", { name: "Confirm delivery" }).count(), 0, "the buyer's call");
    const before = await nativeBalance(merchantWallet.address);
    await moveChainTime(15 * 86_400); // past the 14-day confirmation window
    await merchantPage.reload();
    await collect.click();
    await merchantPage.getByTestId("order-status").filter({ hasText: "Completed" }).waitFor({ timeout: 30_000 });
    await screenshot(merchantPage, SHOTS, "20-payment-collected");
    await merchantPage.goto(`${stack.url}/merchant`);
    await merchantPage.getByTestId("merchant-funds").waitFor();
    await withdrawEach(merchantPage);
    const after = await nativeBalance(merchantWallet.address);
    assert.equal(after.amount, 0n);
    assert.ok(after.withdrawn > before.withdrawn + before.amount, "the collected sale was paid out with the rest");
    await screenshot(merchantPage, SHOTS, "21-merchant-withdrew");
    await merchantPage.context().close();
  });

  it("runs every journey above within the page's Content-Security-Policy (own scripts and styles only)", () => {
    assert.deepEqual(cspViolations, []);
  });
});
