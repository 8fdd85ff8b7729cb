import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import { ValidationError } from "#sdk/errors.ts";
import { ApiError } from "../errors.ts";
import { withInputField } from "./input-field.ts";

/**
 * What a client sees of an error: ApiErrors and input errors keep their message and get a public code;
 * anything else is logged and replaced by "Unexpected error." (INTERNAL_SERVER_ERROR).
 */
export function createMaskError(logger: Logger, expose: boolean) {
  return (error: unknown): Error => {
    const graphqlError = error instanceof GraphQLError ? error : undefined;
    const original = graphqlError?.originalError ?? error;
    const at = {
      path: graphqlError?.path,
      nodes: graphqlError?.nodes,
      source: graphqlError?.source,
      positions: graphqlError?.positions,
    };
    if (original instanceof ApiError)
      return new GraphQLError(original.message, { ...at, extensions: { code: original.code } });
    if (original instanceof ValidationError)
      return new GraphQLError(original.message, {
        ...at,
        extensions: { code: "BAD_USER_INPUT", field: original.field },
      });
    if (graphqlError && (!graphqlError.originalError || graphqlError.originalError instanceof GraphQLError)) {
      // Syntax, validation and scalar coercion errors: the query or its variables are at fault.
      const code =
        (graphqlError.extensions.code as string | undefined) ??
        (graphqlError.originalError as GraphQLError | undefined)?.extensions.code ??
        "BAD_USER_INPUT";
      const named = withInputField(graphqlError); // a variable a scalar refused: the argument it was passed to
      return new GraphQLError(named.message, { ...at, extensions: { ...named.extensions, code } });
    }
    logger.error({ err: original, path: graphqlError?.path?.join(".") }, "graphql resolver failed");
    return new GraphQLError(expose ? `Unexpected error: ${(original as Error).message}` : "Unexpected error.", {
      ...at,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  };
}
