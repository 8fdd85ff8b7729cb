import type { Hex } from "viem";
import { useStorefrontConfig } from "../lib/config/ConfigContext.tsx";

/** A transaction hash, linked to the block explorer's page of it when the API names an explorer (EXPLORER_URL). */
export function TxHash({ hash }: { hash: Hex }) {
  const { explorerUrl } = useStorefrontConfig();
  if (!explorerUrl) return <code className="tx-hash">{hash}</code>;
  return (
    <a className="tx-hash" href={`${explorerUrl}/tx/${hash}`} target="_blank" rel="noreferrer">
      {hash}
    </a>
  );
}
