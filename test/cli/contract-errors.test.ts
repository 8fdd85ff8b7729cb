import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { encodeErrorResult, BaseError as ViemError, type Abi } from "viem";
import { abiOf, CONTRACT_NAMES } from "../../sdk/contracts.ts";
import { decodeRevert, ERROR_MESSAGES, errorsOf } from "../../sdk/contract-errors.ts";

const abis: Abi[] = CONTRACT_NAMES.map(abiOf);

describe("contract errors in plain words", () => {
  it("has a message for every custom error of every deployed contract", () => {
    const missing = errorsOf(abis)
      .map((error) => error.name)
      .filter((name) => !(name in ERROR_MESSAGES));
    assert.deepEqual(missing, []);
  });

  it("decodes revert data found anywhere in a viem error chain", () => {
    const listingId = `0x${"ab".repeat(32)}` as const;
    const data = encodeErrorResult({
      abi: abiOf("ListingRegistry"),
      errorName: "ListingRegistryInsufficientStock",
      args: [listingId, 5n, 3n],
    });
    const wrapped = new ViemError("call reverted", {
      cause: Object.assign(new ViemError("execution reverted"), { data }),
    });
    const decoded = decodeRevert(wrapped, abis);
    assert.equal(
      decoded?.message,
      `ListingRegistryInsufficientStock: only 3 left of listing ${listingId}, 5 requested`,
    );
    assert.equal(decoded?.retryable, false);
  });

  it("leaves errors without revert data alone", () => {
    assert.equal(decodeRevert(new ViemError("socket hang up"), abis), undefined);
  });
});
