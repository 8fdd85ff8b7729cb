import type { Gs1Key } from "./digital-link.ts";
import { gs1CheckDigit } from "./keys.ts";

/** GS1 company prefixes are 6 to 12 digits long; an EPC URI splits the key after the prefix. */
const PREFIX_LENGTHS = [6, 7, 8, 9, 10, 11, 12];

/** The characters of GS1 set 82 that an EPC URI escapes in a serial or lot (EPC Tag Data Standard). */
const EPC_ESCAPED = /["%&/<>?]/g;

const escapeEpc = (value: string) =>
  value.replace(EPC_ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function unescapeEpc(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

const withCheckDigit = (digits: string) => `${digits}${gs1CheckDigit(digits)}`;

/**
 * The GS1 key an EPC pure-identity URI carries: `urn:epc:id:sgtin:{prefix}.{indicator}{item}.{serial}`,
 * `urn:epc:id:lgtin:…` or `urn:epc:class:lgtin:{prefix}.{indicator}{item}.{lot}` (the GTIN gets its check digit
 * back), or `urn:epc:id:sscc:{prefix}.{extension}{serial ref}`; null for any other EPC.
 */
export function gs1KeyOfEpc(epc: string): Gs1Key | null {
  const gtin = /^urn:epc:(id:sgtin|id:lgtin|class:lgtin):(\d{6,12})\.(\d{1,7})\.(.+)$/.exec(epc);
  if (gtin) {
    const [, scheme, prefix, indicatorItem, rest] = gtin;
    const value = unescapeEpc(rest);
    if (prefix.length + indicatorItem.length !== 13 || value === null) return null;
    const key = withCheckDigit(`${indicatorItem[0]}${prefix}${indicatorItem.slice(1)}`);
    return scheme === "id:sgtin"
      ? { kind: "sgtin", gtin: key, serial: value }
      : { kind: "lgtin", gtin: key, lot: value };
  }
  const sscc = /^urn:epc:id:sscc:(\d{6,12})\.(\d{5,11})$/.exec(epc);
  if (sscc) {
    const [, prefix, serialRef] = sscc;
    if (prefix.length + serialRef.length !== 17) return null;
    return { kind: "sscc", sscc: withCheckDigit(`${serialRef[0]}${prefix}${serialRef.slice(1)}`) };
  }
  return null;
}

/**
 * Every EPC URI that may carry `key`, one per company-prefix length (6–12 digits): a GTIN or SSCC does not say
 * where its company prefix ends, so a resolver matches these against the EPCs items were registered with. A lot
 * gives both the `urn:epc:id:lgtin` form the ledger uses and the Tag Data Standard's `urn:epc:class:lgtin`.
 */
export function epcCandidatesOf(key: Gs1Key): string[] {
  return PREFIX_LENGTHS.flatMap((length) => {
    if (key.kind === "sscc") {
      const { sscc } = key;
      return [`urn:epc:id:sscc:${sscc.slice(1, 1 + length)}.${sscc[0]}${sscc.slice(1 + length, 17)}`];
    }
    const { gtin } = key;
    const split = `${gtin.slice(1, 1 + length)}.${gtin[0]}${gtin.slice(1 + length, 13)}`;
    if (key.kind === "sgtin") return [`urn:epc:id:sgtin:${split}.${escapeEpc(key.serial)}`];
    return ["id", "class"].map((form) => `urn:epc:${form}:lgtin:${split}.${escapeEpc(key.lot)}`);
  });
}
