import type { ReactNode } from "react";
import { shortAddress } from "../lib/format.ts";
import { useWallet } from "../lib/wallet/WalletContext.tsx";
import { useAsyncAction } from "./useAsyncAction.ts";

/** The header's wallet area: none installed, connect, wrong chain (switch), or the connected account. */
export function WalletStatus() {
  const wallet = useWallet();
  const { error, run } = useAsyncAction();
  let content: ReactNode;
  if (!wallet.available) {
    content = (
      <span className="wallet wallet--none">
        No wallet found.{" "}
        <a href="https://ethereum.org/wallets" target="_blank" rel="noreferrer">
          Install one
        </a>{" "}
        (MetaMask, Rabby) to buy.
      </span>
    );
  } else if (!wallet.account) {
    content = (
      <button type="button" onClick={() => void run("connect", wallet.connect)}>
        Connect wallet
      </button>
    );
  } else if (wallet.wrongChain) {
    content = (
      <span className="wallet wallet--wrong-chain">
        Wrong network{" "}
        <button type="button" onClick={() => void run("switch", wallet.switchChain)}>
          Switch to {wallet.chain.name}
        </button>
      </span>
    );
  } else {
    content = (
      <span className="wallet wallet--connected" title={wallet.account}>
        {shortAddress(wallet.account)}
      </span>
    );
  }
  return (
    <div className="wallet-status" aria-live="polite">
      {content}
      {error && (
        <span className="wallet__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
