import { describe, expect, it } from "vitest";
import { zeroAddress, type Address } from "viem";
import { formatAmount, tokenSymbol } from "./format.ts";

const CUSD = { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address, symbol: "CUSD", decimals: 18 };

describe("amounts and tokens in words", () => {
  it("names a token by its symbol, the native currency ETH, and a token without a symbol by its short address", () => {
    expect(tokenSymbol(CUSD)).toBe("CUSD");
    expect(tokenSymbol({ address: zeroAddress, symbol: null, decimals: null })).toBe("ETH");
    expect(tokenSymbol({ ...CUSD, symbol: null })).toBe("0x5FbD…0aa3");
  });

  it("shows an amount in the token's units with its decimals, at most six, trailing zeros dropped", () => {
    expect(formatAmount(79_200_000_000_000_000n, { address: zeroAddress, symbol: null, decimals: null })).toBe(
      "0.0792 ETH",
    );
    expect(formatAmount("1234500000", { ...CUSD, decimals: 6 })).toBe("1,234.5 CUSD");
    expect(formatAmount(1n, CUSD)).toBe("0 CUSD");
  });
});
