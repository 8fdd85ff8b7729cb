import { BaseError } from "#sdk/errors.ts";

/** The public error codes of the GraphQL API (`extensions.code`); sdk ValidationError is BAD_USER_INPUT. */
export type ApiErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "RATE_LIMITED"
  | "CHAIN_UNAVAILABLE";

/** An error a client may see: its message and code are safe to show. */
export abstract class ApiError extends BaseError {
  abstract readonly code: ApiErrorCode;
}

export class NotFoundError extends ApiError {
  override readonly name = "NotFoundError";
  readonly code = "NOT_FOUND";
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`);
  }
}

export class UnauthenticatedError extends ApiError {
  override readonly name = "UnauthenticatedError";
  readonly code = "UNAUTHENTICATED";
}

export class ForbiddenError extends ApiError {
  override readonly name = "ForbiddenError";
  readonly code = "FORBIDDEN";
}

/** The chain node did not answer a read the request needs; the same request can succeed later. */
export class ChainUnavailableError extends ApiError {
  override readonly name = "ChainUnavailableError";
  readonly code = "CHAIN_UNAVAILABLE";
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, retryable: true });
  }
}
