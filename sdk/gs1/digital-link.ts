import { ValidationError } from "../errors.ts";
import { normaliseGtin, validLotOrSerial, validSscc } from "./keys.ts";

/** What a GS1 Digital Link names: a GTIN with its lot or its serial number, or an SSCC. */
export type Gs1Key =
  | { kind: "lgtin"; gtin: string; lot: string }
  | { kind: "sgtin"; gtin: string; serial: string }
  | { kind: "sscc"; sscc: string };

/** Percent-decodes one path segment; a ValidationError naming `field` when the escapes are broken. */
function decodeSegment(segment: string, field: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (cause) {
    throw new ValidationError(field, `"${segment}" has a malformed percent-encoding`, { cause });
  }
}

/** RFC 3986 percent-encoding of a lot or serial number: everything but unreserved characters is escaped. */
function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The key of a GS1 Digital Link URI path (its query is not part of `path`): `/01/{gtin}/10/{lot}`,
 * `/01/{gtin}/21/{serial}`, `/01/{gtin}/10/{lot}/21/{serial}` (the serial names the item) or `/00/{sscc}`.
 * GTIN-8/12/13 become 14 digits; GTIN and SSCC check digits are verified; lot and serial are percent-decoded
 * and must be GS1 set 82. Anything else is a ValidationError naming the offending part.
 */
export function parseDigitalLinkPath(path: string): Gs1Key {
  const segments = path.replace(/^\//, "").split("/");
  const [ai, key, ...qualifiers] = segments;
  if (ai === "00") {
    if (key === undefined || qualifiers.length > 0)
      throw new ValidationError("path", "an SSCC link is /00/{18-digit SSCC} with nothing after it");
    return { kind: "sscc", sscc: validSscc(key) };
  }
  if (ai !== "01" || key === undefined)
    throw new ValidationError("path", "a Digital Link path starts with /01/{gtin} or /00/{sscc}");
  const gtin = normaliseGtin(key);
  const values: Record<string, string> = {};
  for (let i = 0; i < qualifiers.length; i += 2) {
    const [name, value] = [qualifiers[i], qualifiers[i + 1]];
    const field = name === "10" ? "lot" : name === "21" ? "serial" : null;
    if (field === null || value === undefined || field in values || (field === "lot" && "serial" in values))
      throw new ValidationError("path", "after /01/{gtin} come /10/{lot}, /21/{serial} or both, in that order");
    values[field] = validLotOrSerial(decodeSegment(value, field), field);
  }
  if (values.serial !== undefined) return { kind: "sgtin", gtin, serial: values.serial };
  if (values.lot !== undefined) return { kind: "lgtin", gtin, lot: values.lot };
  throw new ValidationError("path", "a GTIN alone names a product, not an item: add /10/{lot} or /21/{serial}");
}

/** The path of the Digital Link URI of `key`, with lot and serial percent-encoded: `/01/…/10/…`. */
export function digitalLinkPath(key: Gs1Key): string {
  switch (key.kind) {
    case "sscc":
      return `/00/${key.sscc}`;
    case "lgtin":
      return `/01/${key.gtin}/10/${encodeSegment(key.lot)}`;
    case "sgtin":
      return `/01/${key.gtin}/21/${encodeSegment(key.serial)}`;
  }
}
