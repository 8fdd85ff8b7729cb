import type { Address, Hex } from "viem";
import type { OrderTerms, Voucher } from "./eip712.ts";

/** An order's OrderTerms as JSON: uint values as decimal strings (the index's `orders.terms`). */
export interface OrderTermsJson {
  buyer: string;
  merchant: string;
  token: string;
  total: string;
  feeBps: number;
  treasury: string;
  lines: { listingId: string; quantity: string }[];
}

/** Terms kept as JSON back in the ABI's shape, for an escrow call after placement. */
export function orderTermsFromJson(terms: OrderTermsJson): OrderTerms {
  return {
    buyer: terms.buyer as Address,
    merchant: terms.merchant as Address,
    token: terms.token as Address,
    total: BigInt(terms.total),
    feeBps: terms.feeBps,
    treasury: terms.treasury as Address,
    lines: terms.lines.map((line) => ({ listingId: line.listingId as Hex, quantity: BigInt(line.quantity) })),
  };
}

/** A voucher as JSON (the API's and the CLI's: integers as decimal strings or numbers), in the ABI's shape. */
export function voucherFromJson(json: Record<string, string | number>): Voucher {
  return {
    merchant: json.merchant as Address,
    id: json.id as Hex,
    buyer: json.buyer as Address,
    amountOff: BigInt(json.amountOff),
    bpsOff: Number(json.bpsOff),
    minTotal: BigInt(json.minTotal),
    expiry: Number(json.expiry),
    maxUses: Number(json.maxUses),
    counter: BigInt(json.counter),
  };
}
