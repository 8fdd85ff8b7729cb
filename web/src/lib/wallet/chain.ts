import { defineChain, type Chain, type WalletClient } from "viem";
import type { StorefrontConfig } from "../config/storefront-config.ts";

/** EIP-1193 / EIP-3085 code for "the wallet does not know this chain". */
const UNRECOGNISED_CHAIN = 4902;

export function ledgerChain(config: Pick<StorefrontConfig, "chainId" | "rpcUrl">): Chain {
  return defineChain({
    id: config.chainId,
    name: config.chainId === 31337 ? "Commerce ledger (local)" : `Commerce ledger ${config.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: config.rpcUrl ? [config.rpcUrl] : [] } },
  });
}

/** Asks the wallet to switch to the ledger's chain, adding it first when the wallet does not know it. */
export async function switchToChain(wallet: WalletClient, chain: Chain): Promise<void> {
  try {
    await wallet.switchChain({ id: chain.id });
  } catch (error) {
    if (!isUnrecognisedChain(error) || chain.rpcUrls.default.http.length === 0) throw error;
    await wallet.addChain({ chain });
    await wallet.switchChain({ id: chain.id });
  }
}

function isUnrecognisedChain(error: unknown): boolean {
  for (
    let current = error as { code?: number; cause?: unknown } | undefined;
    current;
    current = current.cause as typeof current
  ) {
    if (current.code === UNRECOGNISED_CHAIN) return true;
  }
  return false;
}
