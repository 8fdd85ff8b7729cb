import { getAddress, isAddress, type Address, type Hex } from "viem";
import { ValidationError } from "../../../sdk/errors.ts";

/** Parsers for command-line arguments; each error names the argument and the rule. */

export function parseOrderId(text: string): bigint {
  if (!/^\d+$/.test(text)) throw new ValidationError("orderId", `must be a decimal order number, got "${text}"`);
  return BigInt(text);
}

export function parseAddress(text: string, field: string): Address {
  if (!isAddress(text, { strict: false })) throw new ValidationError(field, `must be a 0x-prefixed 20-byte address, got "${text}"`);
  return getAddress(text);
}

export function parseBytes32(text: string, field: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(text)) throw new ValidationError(field, `must be a 0x-prefixed 32-byte hex id, got "${text}"`);
  return text.toLowerCase() as Hex;
}

export function parseCount(text: string, field: string): bigint {
  if (!/^\d+$/.test(text)) throw new ValidationError(field, `must be a whole number, got "${text}"`);
  return BigInt(text);
}

export { itemIdOf } from "../../../sdk/item-id.ts";
