import { BaseError } from "../../sdk/errors.ts";

/** The escrow refuses the call (in the gas estimate or on chain): sending it again as it is cannot succeed. */
export class CallRevertedError extends BaseError {
  override readonly name = "CallRevertedError";
}
