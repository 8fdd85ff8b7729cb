import { formatUnits, parseAbi, parseUnits, zeroAddress, type Address, type PublicClient } from "viem";
import { ValidationError } from "../../../sdk/errors.ts";

const erc20 = parseAbi(["function decimals() view returns (uint8)", "function symbol() view returns (string)"]);

export interface Currency {
  token: Address;
  symbol: string;
  decimals: number;
}

/** Native currency (the zero address) or an ERC-20, with what is needed to read and write amounts. */
export async function currencyOf(client: PublicClient, token: Address): Promise<Currency> {
  if (token === zeroAddress) return { token, symbol: "ETH", decimals: 18 };
  const [decimals, symbol] = await Promise.all([
    client.readContract({ address: token, abi: erc20, functionName: "decimals" }),
    client.readContract({ address: token, abi: erc20, functionName: "symbol" }),
  ]);
  return { token, symbol, decimals };
}

/** "12.50" in the currency's units; the error names `field`. */
export function parseAmount(text: string, currency: Currency, field: string): bigint {
  const pattern = new RegExp(`^\\d+(\\.\\d{1,${currency.decimals}})?$`);
  if (!pattern.test(text.trim())) {
    throw new ValidationError(
      field,
      `must be a positive decimal amount with at most ${currency.decimals} decimals, got "${text}"`,
    );
  }
  return parseUnits(text.trim(), currency.decimals);
}

export const formatAmount = (value: bigint, currency: Currency) =>
  `${formatUnits(value, currency.decimals)} ${currency.symbol}`;
