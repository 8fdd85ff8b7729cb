/**
 * Every error the project throws on purpose extends BaseError: a literal `name`, a short message,
 * the underlying `cause`, and whether retrying the same call can succeed (network faults) or not (bad data).
 */
export abstract class BaseError extends Error {
  abstract override readonly name: string;
  readonly retryable: boolean;

  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable ?? false;
  }
}

/** Input that breaks a rule; `field` names the offending field (dot path) so a user can fix it. */
export class ValidationError extends BaseError {
  override readonly name = "ValidationError";
  readonly field: string;

  constructor(field: string, rule: string, options: { cause?: unknown } = {}) {
    super(`${field}: ${rule}`, options);
    this.field = field;
  }
}

/** A setting read at start-up is missing or malformed. */
export class ConfigError extends BaseError {
  override readonly name = "ConfigError";
}
