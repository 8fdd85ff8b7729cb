import { BaseError, type ValidationError } from "../errors.ts";

/** A metadata document breaks its schema; `violations` lists every field and rule, not only the first. */
export class MetadataInvalidError extends BaseError {
  override readonly name = "MetadataInvalidError";
  readonly violations: readonly ValidationError[];

  constructor(documentKind: string, violations: readonly ValidationError[]) {
    super(`invalid ${documentKind}: ${violations.map((violation) => violation.message).join("; ")}`);
    this.violations = violations;
  }
}
