/** GS1 CBV and EPC identifiers in plain words (the ledger stores the URNs the recorder chose). */

const BIZ_STEPS: Record<string, string> = {
  commissioning: "Created at origin",
  packing: "Packed",
  unpacking: "Unpacked",
  shipping: "Shipped",
  departing: "Departed",
  arriving: "Arrived",
  receiving: "Received",
  accepting: "Accepted",
  storing: "Stored",
  inspecting: "Inspected",
  transforming: "Transformed",
  retail_selling: "Sold",
  decommissioning: "Taken out of use",
  destroying: "Destroyed",
};

const DISPOSITIONS: Record<string, string> = {
  active: "active",
  in_progress: "in progress",
  in_transit: "in transit",
  in_possession: "in possession",
  sellable_accessible: "on sale",
  sellable_not_accessible: "in stock, not on sale",
  damaged: "damaged",
  destroyed: "destroyed",
  expired: "expired",
  recalled: "recalled",
};

const EPC_SCHEMES: Record<string, string> = {
  lgtin: "Lot",
  sgtin: "Item",
  sscc: "Shipment",
  grai: "Returnable asset",
  giai: "Asset",
};

/**
 * The last word of a CBV URN or GS1 web URI: `urn:epcglobal:cbv:bizstep:packing` and `…/BizStep-packing` → `packing`.
 */
function term(value: string): string {
  return value.split(/[:/-]/).at(-1) ?? value;
}

function words(identifier: string): string {
  const text = identifier.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function describeBizStep(bizStep: string): string {
  return BIZ_STEPS[term(bizStep)] ?? words(term(bizStep));
}

export function describeDisposition(disposition: string): string {
  return DISPOSITIONS[term(disposition)] ?? words(term(disposition)).toLowerCase();
}

/** `urn:epc:id:sgln:0614141.00002.INNSBRUCK` → "INNSBRUCK (site 0614141.00002)"; anything else as written. */
export function describeLocation(location: string): string {
  const match = /^urn:epc:id:sgln:(\d+)\.(\d*)\.?(.*)$/.exec(location);
  if (!match) return location;
  const [, company, site, extension] = match;
  const place = `site ${company}${site ? `.${site}` : ""}`;
  return extension && extension !== "0" ? `${extension} (${place})` : place;
}

/**
 * A short name for an EPC, its scheme and last part (lot, serial): `urn:epc:id:lgtin:0614141.107347.ROAST-2026-11`
 * → "Lot ROAST-2026-11", `urn:epc:id:sscc:0614141.1234567890` → "Shipment 1234567890". Pages show the full EPC
 * beside it.
 */
export function describeEpc(epc: string): string {
  const match = /^urn:epc:id:([a-z]+):(.+)$/.exec(epc);
  if (!match) return epc;
  const [, scheme, value] = match;
  return `${EPC_SCHEMES[scheme] ?? scheme.toUpperCase()} ${value.split(".").at(-1)}`;
}
