import { createContext } from "react";
import type { Address } from "viem";
import { shortAddress } from "../../lib/format.ts";
import type { Party } from "./provenance-queries.ts";

/** How a trace names an account to its reader. */
export type PartyName = (address: Address) => string;

/**
 * Names accounts by what the ledger knows of them: "Alpine Coffee Roasters (0x976E…0aa9)" for an approved
 * merchant (anyone may apply under any name, so only the registrar's approval lends it), "Carrier
 * (0x9965…A4dc)" for a role holder, the short address for anyone else.
 */
export function partyNamer(parties: readonly Party[]): PartyName {
  const known = new Map(parties.map((party) => [party.address.toLowerCase(), approvedName(party) ?? roleNames(party)]));
  return (address) => {
    const name = known.get(address.toLowerCase());
    return name ? `${name} (${shortAddress(address)})` : shortAddress(address);
  };
}

function approvedName(party: Party): string | null {
  return party.merchant?.status === "Approved" ? (party.merchant.profile?.name ?? null) : null;
}

function roleNames(party: Party): string | null {
  const labels = party.roles.flatMap((role) =>
    role.label ? [role.label.charAt(0) + role.label.slice(1).toLowerCase().replaceAll("_", " ")] : [],
  );
  return labels.length > 0 ? labels.join(", ") : null;
}

/** The trace's namer, for every component of the trace view. */
export const PartyNameContext = createContext<PartyName>(shortAddress);
