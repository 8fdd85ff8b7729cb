import { useContext } from "react";
import type { Address, Hex } from "viem";
import { TxHash } from "../../components/TxHash.tsx";
import { formatDate } from "../../lib/format.ts";
import { PartyNameContext } from "./parties.ts";

/**
 * Who did it and where the ledger keeps it: actor, time, block and transaction, shortened, with the full value
 * on hover.
 */
export function LedgerRef({
  actor,
  actorLabel,
  at,
  blockNumber,
  txHash,
}: {
  actor: Address;
  actorLabel: string;
  at: string;
  blockNumber: number;
  txHash: Hex | null;
}) {
  const partyName = useContext(PartyNameContext);
  return (
    <span className="ledger-ref">
      <time dateTime={at}>{formatDate(at)}</time>
      <span>
        {actorLabel} <span title={actor}>{partyName(actor)}</span>
      </span>
      <span>block {blockNumber}</span>
      {txHash && (
        <span>
          transaction <TxHash hash={txHash} short />
        </span>
      )}
    </span>
  );
}
