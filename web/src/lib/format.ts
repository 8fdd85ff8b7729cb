import { formatUnits, zeroAddress, type Address } from "viem";
import type { PaymentToken } from "./config/storefront-config.ts";

const DEFAULT_DECIMALS = 18;

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export function tokenOf(tokens: readonly PaymentToken[], address: string): PaymentToken {
  return (
    tokens.find((token) => token.address.toLowerCase() === address.toLowerCase()) ?? {
      address: address as Address,
      symbol: null,
      decimals: null,
    }
  );
}

/** "12.5 CUSD": the amount in the token's units, trailing zeros dropped, at most 6 decimals shown. */
export function formatAmount(amount: string | bigint, token: PaymentToken): string {
  const units = formatUnits(BigInt(amount), token.decimals ?? DEFAULT_DECIMALS);
  const [whole, fraction = ""] = units.split(".");
  const shown = fraction.slice(0, 6).replace(/0+$/, "");
  return `${Number(whole).toLocaleString("en")}${shown ? `.${shown}` : ""} ${tokenSymbol(token)}`;
}

/** The token's symbol; ETH for the native currency; the shortened address of a token without one. */
export function tokenSymbol(token: PaymentToken): string {
  return token.symbol ?? (token.address === zeroAddress ? "ETH" : shortAddress(token.address));
}

export function formatDate(value: string | number): string {
  return new Date(typeof value === "number" ? value * 1000 : value).toLocaleString("en", {
    dateStyle: "medium",
    timeStyle: "short",
  });
}
