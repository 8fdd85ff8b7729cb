import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import {
  createPublicClient,
  createWalletClient,
  custom,
  getAddress,
  type Address,
  type Chain,
  type PublicClient,
  type WalletClient,
} from "viem";
import { useStorefrontConfig } from "../config/ConfigContext.tsx";
import { ledgerChain, switchToChain } from "./chain.ts";
import { injectedProvider, type Eip1193Provider } from "./provider.ts";

export interface Wallet {
  /** False when the browser has no injected wallet. */
  available: boolean;
  account: Address | undefined;
  chainId: number | undefined;
  /** Connected, but to another chain than the ledger's. */
  wrongChain: boolean;
  chain: Chain;
  connect(): Promise<void>;
  switchChain(): Promise<void>;
  /** Clients over the injected provider; null without a wallet. */
  walletClient: WalletClient | null;
  publicClient: PublicClient | null;
}

const WalletContext = createContext<Wallet | null>(null);
/** Local chains mine a block per transaction, so receipts are worth polling often. */
const POLLING_INTERVAL_MS = 500;

export function WalletProvider({ children }: { children: ReactNode }) {
  const config = useStorefrontConfig();
  const chain = useMemo(() => ledgerChain(config), [config]);
  const [provider] = useState<Eip1193Provider | undefined>(injectedProvider);
  const [account, setAccount] = useState<Address>();
  const [chainId, setChainId] = useState<number>();
  const walletClient = useMemo(
    () =>
      provider
        ? createWalletClient({ chain, transport: custom(provider), pollingInterval: POLLING_INTERVAL_MS })
        : null,
    [provider, chain],
  );
  const publicClient = useMemo(
    () =>
      provider
        ? createPublicClient({ chain, transport: custom(provider), pollingInterval: POLLING_INTERVAL_MS })
        : null,
    [provider, chain],
  );

  useEffect(() => {
    if (!provider) return;
    const onAccounts = (accounts: string[]) => setAccount(accounts[0] ? getAddress(accounts[0]) : undefined);
    const onChain = (id: string) => setChainId(Number(id));
    void provider.request({ method: "eth_accounts" }).then((accounts) => onAccounts(accounts as string[]));
    void provider.request({ method: "eth_chainId" }).then((id) => onChain(id as string));
    provider.on?.("accountsChanged", onAccounts);
    provider.on?.("chainChanged", onChain);
    return () => {
      provider.removeListener?.("accountsChanged", onAccounts);
      provider.removeListener?.("chainChanged", onChain);
    };
  }, [provider]);

  const connect = useCallback(async () => {
    if (!walletClient) return;
    const [first] = await walletClient.requestAddresses();
    setAccount(first);
    setChainId(await walletClient.getChainId());
  }, [walletClient]);

  const switchChain = useCallback(async () => {
    if (!walletClient) return;
    await switchToChain(walletClient, chain);
    setChainId(await walletClient.getChainId());
  }, [walletClient, chain]);

  const value = useMemo<Wallet>(
    () => ({
      available: Boolean(provider),
      account,
      chainId,
      wrongChain: chainId !== undefined && chainId !== chain.id,
      chain,
      connect,
      switchChain,
      walletClient,
      publicClient,
    }),
    [provider, account, chainId, chain, connect, switchChain, walletClient, publicClient],
  );
  return <WalletContext.Provider value={value}>{children}</WalletContext.Provider>;
}

export function useWallet(): Wallet {
  const wallet = useContext(WalletContext);
  if (!wallet) throw new Error("useWallet outside WalletProvider");
  return wallet;
}
