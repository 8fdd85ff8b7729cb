import { BaseError } from "../errors.ts";

/** A sealed box could not be opened: wrong key, or the ciphertext or its header was altered. */
export class DecryptionError extends BaseError {
  override readonly name = "DecryptionError";
}
