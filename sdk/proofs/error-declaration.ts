// An exported record's errorDeclaration against the corrections the chain holds for it.
import { eventIdOf } from "../epcis.ts";
import { isoFromSeconds } from "../time.ts";
import { brokenClaim } from "./export-claims.ts";

export interface Correction {
  eventId: bigint;
  block: number;
}

/**
 * Why `event`'s errorDeclaration does not match `corrections` (the chain's corrections of it, oldest first), or
 * null. The export must name every correction through `completeThrough`, and may name later ones it saw, in order;
 * `timeOf` gives a block's time from its header.
 */
export async function refuteErrorDeclaration(
  event: Record<string, unknown>,
  chainId: number,
  corrections: Correction[],
  completeThrough: number,
  timeOf: (block: number) => Promise<number>,
): Promise<string | null> {
  const declared = event.errorDeclaration as { correctiveEventIDs?: unknown } | undefined;
  const required = corrections.filter((correction) => correction.block <= completeThrough).length;
  const named = Array.isArray(declared?.correctiveEventIDs) ? declared.correctiveEventIDs.length : 0;
  const shown = Math.min(Math.max(named, required), corrections.length);
  if (shown === 0) return brokenClaim(event, { errorDeclaration: undefined });
  return brokenClaim(event, {
    errorDeclaration: {
      declarationTime: isoFromSeconds(await timeOf(corrections[0].block)),
      reason: "urn:epcglobal:cbv:er:incorrect_data",
      correctiveEventIDs: corrections
        .slice(0, shown)
        .map((correction) => eventIdOf(chainId, `provenance-event:${correction.eventId}`)),
    },
  });
}
