import type { Address, Hex } from "viem";
import type { OrderTerms } from "./eip712.ts";

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
