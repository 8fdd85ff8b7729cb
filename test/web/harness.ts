// Browser tests against the real stack: scripts/start.ts with the demo, headless Debian chromium, a test wallet.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startLocalSystem } from "../cli/system.ts";
import { freePort } from "../helpers/ports.ts";
import { injectWallet, type TestWallet } from "./test-wallet.ts";

export { hardhatAccount, hardhatKey, injectWallet } from "./test-wallet.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SCREENSHOTS = join("test-results", "web");
export const CHAIN_ID = 31337;

export interface DemoAccounts {
  merchants: { name: string; account: string; signer: string }[];
  buyers: string[];
  token: string;
  orders: Record<string, string>;
  provenance: { itemId: string };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * `npm start` (chain, deploy, demo seed, indexer, API serving web/dist) on free ports in a temp data dir; `env`
 * adds settings.
 */
export async function startStack(env: NodeJS.ProcessEnv = {}) {
  const ports = { chain: await freePort(), api: await freePort(), ipfsRpc: await freePort() };
  const system = startLocalSystem(
    { chain: ports.chain, ipfs: ports.api, ipfsRpc: ports.ipfsRpc },
    { SEED_DEMO: "true", POLL_INTERVAL_MS: "200", SUBSCRIPTION_POLL_MS: "100", ...env },
  );
  await system.ready.catch(async (error: unknown) => {
    await system.stop(); // the temp data dir, and the process if it is still starting
    throw error;
  });
  const demo = JSON.parse(readFileSync(join(system.dataDir, "demo", "accounts.json"), "utf8")) as DemoAccounts;
  return { ...system, url: `http://127.0.0.1:${ports.api}`, chainId: CHAIN_ID, demo };
}

/** Headless Debian chromium with a fresh profile (Playwright makes a temporary user data dir per launch). */
export function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/** A page in its own context (own storage), with the test wallet of Hardhat account `account` injected. */
export async function newPage(
  browser: Browser,
  stack: Stack,
  options: { account: number; startChainId?: number; viewport?: { width: number; height: number } },
): Promise<{ page: Page; wallet: TestWallet }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy"))
      cspViolations.push(message.text());
  });
  const wallet = await injectWallet(page, {
    rpcUrl: stack.rpcUrl,
    chainId: stack.chainId,
    account: options.account,
    startChainId: options.startChainId,
  });
  return { page, wallet };
}

/**
 * Every Content-Security-Policy violation any page of this test file reported (Chromium logs each as a console error).
 */
export const cspViolations: string[] = [];

/**
 * Pays out every row of the page's "Money to collect" (waiting for the first), one Withdraw click and wallet
 * transaction at a time, each row gone once the index shows it paid; returns how many rows there were.
 */
export async function withdrawEach(page: Page): Promise<number> {
  const balances = page.getByTestId("escrow-balance");
  await balances.first().waitFor({ timeout: 15_000 });
  const owed = await balances.count();
  for (let left = owed - 1; left >= 0; left--) {
    await balances.first().getByRole("button", { name: "Withdraw" }).click();
    await untilTrueInPage(page, `document.querySelectorAll("[data-testid=escrow-balance]").length === ${left}`, 30_000);
  }
  return owed;
}

const startedGroups = new Set<string>();

/**
 * Waits until a JavaScript expression is true in the page, evaluating it from outside (page.waitForFunction
 * with a string evaluates it inside the page, which the storefront's Content-Security-Policy forbids).
 */
export async function untilTrueInPage(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  for (
    const deadline = Date.now() + timeoutMs;
    !(await page.evaluate(expression));
    await new Promise((resolve) => setTimeout(resolve, 50))
  ) {
    if (Date.now() > deadline) throw new Error(`not true in the page within ${timeoutMs} ms: ${expression}`);
  }
}

/**
 * Saves a full-page screenshot as test-results/web/<group>/<name>.png (a test artefact); a run starts its group afresh.
 */
export async function screenshot(page: Page, group: string, name: string): Promise<string> {
  const directory = join(SCREENSHOTS, group);
  if (!startedGroups.has(group)) {
    rmSync(directory, { recursive: true, force: true });
    startedGroups.add(group);
  }
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
