import { BaseError as ViemError, InsufficientFundsError, UserRejectedRequestError } from "viem";
import { decodeRevert } from "../../../../sdk/contract-errors.ts";
import { revertAbis } from "../contracts/abis.ts";
import { GraphqlError } from "../graphql/client.ts";

/** What the buyer can do about a refused order, keyed by the contract error's name. */
const PLAIN_WORDS: Record<string, (args: Record<string, unknown>) => string> = {
  ListingRegistryInsufficientStock: (a) =>
    `Stock changed: only ${a.remaining} left, you asked for ${a.requested}. Lower the quantity and try again.`,
  ListingRegistryBuyerLimit: (a) =>
    `The merchant sells at most ${a.maxPerBuyer} of this product per customer, and this order would make ` +
    `${a.requested}. Lower the quantity.`,
  OrderEscrowTotalAboveMax: () => "The price changed since you reviewed the order. Review the new total and try again.",
  ListingRegistryNotActive: () =>
    "This listing was cancelled or replaced by a newer version. Remove it from your cart and add the current one.",
  ListingRegistryStaleCounter: () => "The merchant cancelled this listing. Remove it from your cart.",
  ListingRegistryMerchantNotActive: () => "This merchant is not approved to sell right now.",
  ListingRegistryOutsideValidity: () => "This listing is not on sale at the moment (outside its validity window).",
  OrderEscrowPaused: () => "Ordering is paused on the ledger for now. Try again later.",
  ERC20InsufficientBalance: () => "Insufficient funds: your account does not hold enough of the payment token.",
  ERC20InsufficientAllowance: () => "The escrow may not take the payment token yet: approve it and try again.",
};

/** Maps the API's prepareOrder refusals (BAD_USER_INPUT) to the same plain words. */
const INPUT_RULES: [RegExp, (match: RegExpExecArray) => string][] = [
  [/only (\d+) in stock/, (m) => `Stock changed: only ${m[1]} left. Lower the quantity and try again.`],
  [
    /listing is (Cancelled|Superseded)/,
    (m) => {
      const what = m[1] === "Cancelled" ? "cancelled" : "replaced by a newer version";
      return `A listing in this order was ${what}. Remove it from your cart.`;
    },
  ],
  [
    /at most (\d+) per buyer/,
    (m) => `The merchant sells at most ${m[1]} of this product per customer. Lower the quantity.`,
  ],
  [/voucherCode: (.*)$/, (m) => `The voucher code cannot be used: ${m[1]}. Change or remove it and try again.`],
  [
    /does not ship line \d+ to ([A-Z]{2}); it ships to (.*)$/,
    (m) => `The merchant does not ship this order to ${m[1]}. It ships to ${m[2]}.`,
  ],
  [/invalidated by its merchant/, () => "The merchant cancelled a listing in this order. Remove it from your cart."],
  [
    /must be at least the total/,
    () => "The price changed since you reviewed the order. Review the new total and try again.",
  ],
];

/** Any failure of a wallet, the chain or the API in words a buyer understands. */
export function describeError(error: unknown): string {
  if (error instanceof GraphqlError) {
    for (const [rule, words] of INPUT_RULES) {
      const match = rule.exec(error.message);
      if (match) return words(match);
    }
    if (error.code === "UNAUTHENTICATED") return "Your session has ended: sign in again.";
    return error.message;
  }
  if (error instanceof ViemError) {
    if (error.walk((cause) => cause instanceof UserRejectedRequestError))
      return "You declined the request in your wallet.";
    if (error.walk((cause) => cause instanceof InsufficientFundsError))
      return "Insufficient funds: your account cannot pay this total plus the network fee.";
    const revert = decodeRevert(error, revertAbis);
    if (revert)
      return (
        PLAIN_WORDS[revert.errorName]?.(revert.args) ?? `The ledger refused: ${revert.message.replace(/^\w+: /, "")}.`
      );
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}
