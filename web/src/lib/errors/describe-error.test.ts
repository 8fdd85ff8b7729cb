import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  InsufficientFundsError,
  TransactionExecutionError,
  UserRejectedRequestError,
} from "viem";
import { describe, expect, it } from "vitest";
import { orderEscrowAbi, revertAbis } from "../contracts/abis.ts";
import { GraphqlError } from "../graphql/client.ts";
import { describeError } from "./describe-error.ts";

const revert = (errorName: string, args: readonly unknown[]) => {
  const abi = revertAbis.flat();
  const data = encodeErrorResult({ abi, errorName, args });
  const cause = new ContractFunctionRevertedError({ abi, data, functionName: "placeOrder" });
  return new ContractFunctionExecutionError(cause, {
    abi: orderEscrowAbi,
    functionName: "placeOrder",
    args: [],
    contractAddress: "0x00000000000000000000000000000000000000e1",
  });
};

describe("describeError: failures in a buyer's words", () => {
  it("decodes a stock change, a price change and a cancelled listing from the contracts' revert data", () => {
    const id = `0x${"11".repeat(32)}`;
    expect(describeError(revert("ListingRegistryInsufficientStock", [id, 3n, 1n]))).toBe(
      "Stock changed: only 1 left, you asked for 3. Lower the quantity and try again.",
    );
    expect(describeError(revert("OrderEscrowTotalAboveMax", [200n, 100n]))).toMatch(/^The price changed/);
    const buyer = "0x00000000000000000000000000000000000000bb";
    expect(describeError(revert("ListingRegistryBuyerLimit", [id, buyer, 3n, 2n]))).toBe(
      "The merchant sells at most 2 of this product per customer, and this order would make 3. Lower the quantity.",
    );
    expect(describeError(revert("ListingRegistryNotActive", [id, 2]))).toMatch(/cancelled or replaced/);
    expect(
      describeError(revert("ERC20InsufficientBalance", ["0x00000000000000000000000000000000000000aa", 0n, 5n])),
    ).toMatch(/^Insufficient funds/);
  });

  it("falls back to the sdk's message for any other contract error", () => {
    expect(describeError(revert("OrderEscrowPaused", []))).toBe(
      "Ordering is paused on the ledger for now. Try again later.",
    );
    expect(describeError(revert("ReviewsAlreadyReviewed", [7n]))).toBe(
      "The ledger refused: order 7 is already reviewed.",
    );
  });

  it("recognises a declined wallet prompt and a balance below total plus gas", () => {
    expect(describeError(new UserRejectedRequestError(new Error("User rejected")))).toBe(
      "You declined the request in your wallet.",
    );
    const broke = new TransactionExecutionError(new InsufficientFundsError(), {
      account: "0x00000000000000000000000000000000000000aa",
    } as never);
    expect(describeError(broke)).toMatch(/^Insufficient funds/);
  });

  it("words the API's prepareOrder refusals the same way", () => {
    expect(describeError(new GraphqlError("input.lines[0].quantity: only 2 in stock", "BAD_USER_INPUT"))).toBe(
      "Stock changed: only 2 left. Lower the quantity and try again.",
    );
    expect(
      describeError(
        new GraphqlError("input.lines[0].listingId: listing is Cancelled, order its current version", "BAD_USER_INPUT"),
      ),
    ).toMatch(/was cancelled/);
    expect(describeError(new GraphqlError("input.maxTotal: must be at least the total 300", "BAD_USER_INPUT"))).toMatch(
      /^The price changed/,
    );
    const unserved = "input.shipTo: the merchant does not ship line 1 to US; it ships to AT, DE, GB";
    expect(describeError(new GraphqlError(unserved, "BAD_USER_INPUT"))).toBe(
      "The merchant does not ship this order to US. It ships to AT, DE, GB.",
    );
    expect(describeError(new GraphqlError("session expired", "UNAUTHENTICATED"))).toBe(
      "Your session has ended: sign in again.",
    );
  });
});
