import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Address, PublicClient } from "viem";

/** How far the demo seed moves the chain's clock (to take an order past its ship-by deadline). */
export const DEMO_CLOCK_ADVANCE_SECONDS = 8 * 86_400;

/**
 * The keeper's key on a development chain without KEEPER_PRIVATE_KEY: Hardhat's account 19
 * (0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199), which no demo role uses; a public key, never for a real network.
 */
export const DEMO_KEEPER_PRIVATE_KEY = "0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e";

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
