import { useContext } from "react";
import type { Hex } from "viem";
import type { HandOff } from "./custody.ts";
import { ItemLink } from "./ItemLink.tsx";
import { LedgerRef } from "./LedgerRef.tsx";
import { PartyNameContext } from "./parties.ts";
import type { TraceItem } from "./provenance-queries.ts";

/** Holders in order: who registered the item, then each hand-off (started by the holder, accepted by the receiver). */
export function CustodyChain({
  handOffs,
  items,
  registeredBy,
  custodian,
}: {
  handOffs: HandOff[];
  items: ReadonlyMap<Hex, TraceItem>;
  registeredBy: Hex;
  custodian: Hex;
}) {
  const partyName = useContext(PartyNameContext);
  return (
    <>
      <p>
        Registered by <span title={registeredBy}>{partyName(registeredBy)}</span>; held now by{" "}
        <span title={custodian}>{partyName(custodian)}</span>.
      </p>
      {handOffs.length === 0 ? (
        <p className="muted">No hand-offs: the item has stayed with its holder.</p>
      ) : (
        <ol className="custody-chain" data-testid="custody-chain">
          {handOffs.map((handOff) => (
            <li
              key={`${handOff.via}-${(handOff.initiated ?? handOff.accepted)!.txHash}`}
              className="custody-chain__step"
              data-testid="custody-step"
            >
              <p className="trace-step__title">
                <span title={handOff.from}>{partyName(handOff.from)}</span> <span aria-hidden="true">→</span>
                <span className="visually-hidden">to</span> <span title={handOff.to}>{partyName(handOff.to)}</span>{" "}
                <span className={handOff.accepted ? "status status--completed" : "status"}>
                  {handOff.accepted ? "accepted" : "awaiting acceptance"}
                </span>
              </p>
              {handOff.via && (
                <p className="muted">
                  With <ItemLink id={handOff.via} items={items} />
                </p>
              )}
              {handOff.initiated && (
                <p className="trace-step__detail">
                  Started:{" "}
                  <LedgerRef
                    actor={handOff.from}
                    actorLabel="by"
                    at={handOff.initiated.at}
                    blockNumber={handOff.initiated.blockNumber}
                    txHash={handOff.initiated.txHash}
                  />
                </p>
              )}
              {handOff.accepted && (
                <p className="trace-step__detail">
                  Accepted:{" "}
                  <LedgerRef
                    actor={handOff.to}
                    actorLabel="by"
                    at={handOff.accepted.at}
                    blockNumber={handOff.accepted.blockNumber}
                    txHash={handOff.accepted.txHash}
                  />
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
