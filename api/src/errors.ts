import { BaseError } from "../../sdk/errors.ts";

/** The public error codes of the GraphQL API (`extensions.code`). */
export type ApiErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_USER_INPUT" | "RATE_LIMITED";

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

/** Input that breaks a rule; the message names the field and the rule. */
export class BadInputError extends ApiError {
  override readonly name = "BadInputError";
  readonly code = "BAD_USER_INPUT";
  readonly field: string;
  constructor(field: string, rule: string, options: { cause?: unknown } = {}) {
    super(`${field}: ${rule}`, options);
    this.field = field;
  }
}

export class RateLimitedError extends ApiError {
  override readonly name = "RateLimitedError";
  readonly code = "RATE_LIMITED";
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`too many requests: retry in ${retryAfterSeconds} s`, { retryable: true });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
