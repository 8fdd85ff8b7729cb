import { useEffect, useState } from "react";
import { useWallet } from "./WalletContext.tsx";

/**
 * The time of the ledger's latest block in milliseconds: deadlines such as ship-by are judged by the chain's
 * clock, which on a development chain can run days ahead of the computer's. The computer's clock until it answers.
 */
export function useLedgerNow(): number {
  const { publicClient } = useWallet();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let current = true;
    publicClient
      ?.getBlock()
      .then((block) => current && setNow(Math.max(Date.now(), Number(block.timestamp) * 1000)))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [publicClient]);
  return now;
}
