import type { z } from "zod/v4";
import { ValidationError } from "../errors.ts";
import { MetadataInvalidError } from "./errors.ts";
/**
 * Parses JSON (bytes, text or a value) against `schema`; throws MetadataInvalidError listing every
 * violation, each a ValidationError whose `field` is the dot path (`images.0.alt`).
 */
export function parseDocument<S extends z.ZodType>(
  schema: S,
  input: Uint8Array | string | unknown,
  kind = "document",
): z.output<S> {
  let value = input;
  if (typeof input === "string" || input instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: true }).decode(input));
    } catch (cause) {
      throw new MetadataInvalidError(kind, [new ValidationError("(document)", "is not valid UTF-8 JSON", { cause })]);
    }
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const violations = result.error.issues.map(
    (issue) => new ValidationError(issue.path.join(".") || "(document)", issue.message),
  );
  throw new MetadataInvalidError(kind, violations);
}
