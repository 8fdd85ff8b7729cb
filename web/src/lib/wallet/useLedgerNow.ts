import { useEffect, useState } from "react";
import { useWallet } from "./WalletContext.tsx";

/** How often the ledger's time is asked again, so a deadline that passes while the page is open shows. */
const REFRESH_MS = 30_000;

/**
 * The time of the ledger's latest block in milliseconds: deadlines such as ship-by are judged by the chain's
 * clock, which on a development chain can run days ahead of the computer's. The computer's clock until it answers.
 */
export function useLedgerNow(): number {
  const { publicClient } = useWallet();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let current = true;
    const ask = () =>
      publicClient
        ?.getBlock()
        .then((block) => current && setNow(Math.max(Date.now(), Number(block.timestamp) * 1000)))
        .catch(() => undefined);
    void ask();
    const timer = setInterval(ask, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [publicClient]);
  return now;
}
