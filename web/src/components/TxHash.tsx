import type { Hex } from "viem";
import { useStorefrontConfig } from "../lib/config/ConfigContext.tsx";
import { shortAddress } from "../lib/format.ts";

/**
 * A transaction hash, linked to the block explorer's page of it when the API names an explorer (EXPLORER_URL).
 * `short` shows it shortened (the full hash as its title), for lists with a hash on every row.
 */
export function TxHash({ hash, short = false }: { hash: Hex; short?: boolean }) {
  const { explorerUrl } = useStorefrontConfig();
  const text = short ? shortAddress(hash) : hash;
  const title = short ? hash : undefined;
  if (!explorerUrl)
    return (
      <code className="tx-hash" title={title}>
        {text}
      </code>
    );
  return (
    <a className="tx-hash" href={`${explorerUrl}/tx/${hash}`} target="_blank" rel="noreferrer" title={title}>
      {text}
    </a>
  );
}
