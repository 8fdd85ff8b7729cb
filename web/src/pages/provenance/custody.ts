import type { Address, Hex } from "viem";
import type { ContainerTrace, CustodyTransfer, ProvenanceTrace } from "./provenance-queries.ts";
import { packedAt } from "./timeline.ts";

export type CarriedTransfer = CustodyTransfer & { via: Hex | null };

/** The item's custody hand-offs, and those of its containers while it travelled inside them, in chain order. */
export function custodyChain(trace: ProvenanceTrace, containers: readonly ContainerTrace[]): CarriedTransfer[] {
  const own = trace.custody.map((transfer) => ({ ...transfer, via: null }));
  const carried = containers.flatMap((container) => {
    const inside = packedAt(trace.containers, container.item.id);
    return container.custody
      .filter((transfer) => inside(transfer.blockNumber))
      .map((transfer) => ({ ...transfer, via: container.item.id }));
  });
  return [...own, ...carried].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
}

/** One hand-off from one holder to the next: started by the holder, then accepted by the receiver (if it was). */
export interface HandOff {
  from: Address;
  to: Address;
  via: Hex | null;
  initiated: CarriedTransfer | null;
  accepted: CarriedTransfer | null;
}

/** Pairs each accepted transfer with the start of the same hand-off; a start nobody accepted stays pending. */
export function handOffs(transfers: readonly CarriedTransfer[]): HandOff[] {
  const result: HandOff[] = [];
  for (const transfer of transfers) {
    const open = result.findLast(
      (handOff) =>
        !handOff.accepted &&
        handOff.from === transfer.from &&
        handOff.to === transfer.to &&
        handOff.via === transfer.via,
    );
    if (transfer.stage === "accepted" && open) open.accepted = transfer;
    else
      result.push({
        from: transfer.from,
        to: transfer.to,
        via: transfer.via,
        initiated: transfer.stage === "initiated" ? transfer : null,
        accepted: transfer.stage === "accepted" ? transfer : null,
      });
  }
  return result;
}
