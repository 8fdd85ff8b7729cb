import { getAddress, isAddress, type Address } from "viem";
import { ValidationError } from "../../../sdk/errors.ts";

/** Parsers for command-line arguments; each error names the argument and the rule. */

export function parseOrderId(text: string): bigint {
  if (!/^\d+$/.test(text)) throw new ValidationError("orderId", `must be a decimal order number, got "${text}"`);
  return BigInt(text);
}

export function parseAddress(text: string, field: string): Address {
  if (!isAddress(text, { strict: false }))
    throw new ValidationError(field, `must be a 0x-prefixed 20-byte address, got "${text}"`);
  return getAddress(text);
}

export function parseCount(text: string, field: string): bigint {
  if (!/^\d+$/.test(text)) throw new ValidationError(field, `must be a whole number, got "${text}"`);
  return BigInt(text);
}

export { itemIdOf } from "../../../sdk/item-id.ts";
