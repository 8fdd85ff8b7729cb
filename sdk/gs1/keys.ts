import { ValidationError } from "../errors.ts";

/**
 * The GS1 mod-10 check digit of `digits` (the key without its check digit): weights 3 and 1 alternate from the
 * rightmost digit, which weighs 3; the check digit brings the weighted sum up to a multiple of ten.
 */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** Throws a ValidationError on `field` unless `key`, all digits, ends with its GS1 check digit. */
function checkKey(field: string, key: string): void {
  const expected = gs1CheckDigit(key.slice(0, -1));
  if (Number(key.at(-1)) !== expected)
    throw new ValidationError(field, `check digit ${key.at(-1)} of ${key} is wrong, it must be ${expected}`);
}

/**
 * A GTIN-8, -12, -13 or -14 as the 14-digit GTIN (zeros in front), after checking its digits and check digit;
 * a ValidationError naming `field` otherwise.
 */
export function normaliseGtin(gtin: string, field = "gtin"): string {
  if (!/^(\d{8}|\d{12,14})$/.test(gtin))
    throw new ValidationError(field, `"${gtin}" is not a GTIN: it must be 8, 12, 13 or 14 digits`);
  checkKey(field, gtin);
  return gtin.padStart(14, "0");
}

/** An 18-digit SSCC after checking its digits and check digit; a ValidationError naming `field` otherwise. */
export function validSscc(sscc: string, field = "sscc"): string {
  if (!/^\d{18}$/.test(sscc)) throw new ValidationError(field, `"${sscc}" is not an SSCC: it must be 18 digits`);
  checkKey(field, sscc);
  return sscc;
}

/**
 * GS1 AI encodable character set 82, the characters a lot (AI 10) or serial number (AI 21) may hold, 1 to 20 of them.
 */
const CSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

/** `value` when it is a valid lot or serial number (1–20 characters of GS1 set 82); a ValidationError otherwise. */
export function validLotOrSerial(value: string, field: "lot" | "serial"): string {
  if (!CSET_82.test(value))
    throw new ValidationError(
      field,
      `"${value}" must be 1 to 20 characters of GS1 set 82 (letters, digits and !"%&'()*+,-./:;<=>?_)`,
    );
  return value;
}
