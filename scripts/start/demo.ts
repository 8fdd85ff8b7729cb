import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Address, PublicClient } from "viem";

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
