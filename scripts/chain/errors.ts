import { BaseError } from "../../sdk/errors.ts";

/** The local chain cannot start as persisted: rebuilding it differently would fork it silently. */
export class LocalChainError extends BaseError {
  override readonly name = "LocalChainError";
}
