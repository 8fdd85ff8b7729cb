import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Address, PublicClient } from "viem";

/**
 * How far the demo seed moves the chain's clock: past one order's ship-by deadline (7 days) and another's
 * confirmation window (14 days), which the keeper then closes.
 */
export const DEMO_CLOCK_ADVANCE_SECONDS = 15 * 86_400;

/**
 * The keeper's key on a development chain without KEEPER_PRIVATE_KEY: Hardhat's account 19
 * (0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199), which no demo role uses; a public key, never for a real network.
 */
export const DEMO_KEEPER_PRIVATE_KEY = "0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e";

/**
 * The demo's first merchant (Alpine Roasters, Hardhat's account 6), which `npm start` uses to publish the demo's
 * voucher code through the merchant CLI once the merchant is indexed; a public key, never for a real network.
 */
export const DEMO_MERCHANT_PRIVATE_KEY = "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e";

/** The voucher code `npm start` publishes for the demo's first merchant: 10% off, for anyone. */
export const DEMO_VOUCHER_CODE = "WELCOME10";

/** The demo's accounts file, written last by the seed. */
export const demoAccountsPath = (dataDir: string) => join(dataDir, "demo", "accounts.json");

/** Seeded already: the seed finished (its accounts file) and its ERC-20 is on this chain. */
export async function demoIsSeeded(client: PublicClient, dataDir: string): Promise<boolean> {
  const path = demoAccountsPath(dataDir);
  if (!existsSync(path)) return false;
  const { token } = JSON.parse(readFileSync(path, "utf8")) as { token: Address };
  const code = await client.getCode({ address: token });
  return code !== undefined && code !== "0x";
}
