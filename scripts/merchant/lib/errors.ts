import { BaseError } from "../../../sdk/errors.ts";

/** The keystore is missing, unreadable, already exists, or the password does not open it. */
export class KeystoreError extends BaseError {
  override readonly name = "KeystoreError";
}

/** Something the user named (an order, a listing, a merchant) does not exist on the chain. */
export class NotFoundError extends BaseError {
  override readonly name = "NotFoundError";
}

/** A transaction was mined but reverted, or the node refused it without revert data. */
export class TransactionError extends BaseError {
  override readonly name = "TransactionError";
}
