import type { z } from "zod/v4";
import { ConfigError } from "./errors.ts";

/** Validates environment settings once at start; the error names every bad variable and its rule. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`invalid configuration: ${problems.join("; ")}`, { cause: result.error });
}
