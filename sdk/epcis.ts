// What every EPCIS 2.0 document of this ledger shares, for the API that writes exports and the auditors who check them.
import { sha256, stringToBytes } from "viem";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
/** Namespace of this ledger's extension fields (`cl:…`), declared in the document's @context. */
export const LEDGER_NAMESPACE = "https://commerce-ledger.example/epcis/";
/** CBV prefixes of business steps and dispositions: `shipping` is short for `urn:epcglobal:cbv:bizstep:shipping`. */
export const BIZ = "urn:epcglobal:cbv:bizstep:";
export const DISP = "urn:epcglobal:cbv:disp:";

/**
 * A deterministic `urn:uuid:` from chain data (chain id, kind and a chain key): the same event always gets the same id.
 */
export function eventIdOf(chainId: number, key: string): string {
  const hex = sha256(stringToBytes(`${chainId}:${key}`)).slice(2);
  // RFC 9562 version 8 (custom) UUID layout.
  const version = `8${hex.slice(13, 16)}`;
  const variant = `${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`;
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${version}-${variant}-${hex.slice(20, 32)}`;
}

/** The EPC an item is named by when its registration gave none the export knows. */
export const fallbackEpc = (chainId: number, itemId: string) => `urn:commerce-ledger:item:${chainId}:${itemId}`;

/** An account as an EPCIS party: a CAIP-10 DID. */
export const partyOf = (chainId: number, address: string) => `did:pkh:eip155:${chainId}:${address}`;

/** The EPCIS business transaction naming an order of this ledger. */
export const orderTransaction = (chainId: number, orderId: string) => ({
  type: "urn:epcglobal:cbv:btt:po",
  bizTransaction: `urn:commerce-ledger:order:${chainId}:${orderId}`,
});
