import type { ReactNode } from "react";
import { useWallet } from "../lib/wallet/WalletContext.tsx";
import { Notice } from "./Notice.tsx";
import { WalletStatus } from "./WalletStatus.tsx";

/** Renders its children only with a connected wallet on the ledger's chain; otherwise says what is missing. */
export function RequireWallet({ action, children }: { action: string; children: ReactNode }) {
  const wallet = useWallet();
  if (wallet.available && wallet.account && !wallet.wrongChain) return <>{children}</>;
  const title = !wallet.available
    ? "You need a browser wallet"
    : !wallet.account
      ? "Connect your wallet"
      : `Your wallet is on another network`;
  return (
    <Notice tone="warning" title={title}>
      <p>
        To {action},{" "}
        {!wallet.available
          ? "install a wallet such as MetaMask or Rabby and reload this page"
          : !wallet.account
            ? "connect the account you pay with"
            : `switch it to ${wallet.chain.name} (chain ${wallet.chain.id})`}
        .
      </p>
      {wallet.available && <WalletStatus />}
    </Notice>
  );
}
