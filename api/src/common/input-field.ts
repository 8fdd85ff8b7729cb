import type { Plugin } from "graphql-yoga";
import {
  type ASTNode,
  BREAK,
  type DocumentNode,
  GraphQLError,
  isValueNode,
  Kind,
  parse,
  type Source,
  visit,
} from "graphql";

const VARIABLE_ERROR = /^Variable "\$(\w+)" got invalid value/;

/**
 * The error naming the argument whose value one of the scalars refused (`address: Address must be …`, and
 * `extensions.field`), as ValidationErrors name theirs; any other error as it is.
 */
export function withInputField(error: GraphQLError): GraphQLError {
  const thrown = error.originalError instanceof GraphQLError ? error.originalError : error;
  if (thrown.extensions.code !== "BAD_USER_INPUT" || error.extensions.field !== undefined) return error;
  const field = inputFieldOf(error);
  if (!field) return error;
  return new GraphQLError(`${field}: ${error.message}`, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, field },
  });
}

/** Names the fields of literals a scalar refused: validation's errors, which yoga does not pass to maskError. */
export const inputFieldPlugin: Plugin = {
  onValidate:
    () =>
    ({ result, setResult }) => {
      if (result.length > 0)
        setResult(result.map((error) => (error instanceof GraphQLError ? withInputField(error) : error)));
    },
};

/**
 * The argument a bad input value was given for, with the input fields inside it (`input.buyer`), as the API's own
 * ValidationErrors name theirs: for a variable's coercion error, where the query uses that variable; for a literal's,
 * the literal at the error's position. Undefined when the error points at neither.
 */
function inputFieldOf(error: GraphQLError): string | undefined {
  const variable = VARIABLE_ERROR.exec(error.message)?.[1];
  const position = error.positions?.[0];
  if (!error.source || (variable === undefined && position === undefined)) return undefined;
  const document = documentOf(error.source);
  if (!document) return undefined;
  let field: string | undefined;
  visit(document, {
    enter(node, _key, parent, _path, ancestors) {
      // graphql's ancestors stop before the parent.
      const within = [...ancestors, parent ?? []].filter((ancestor): ancestor is ASTNode => "kind" in ancestor);
      const hit =
        variable === undefined
          ? isValueNode(node) && node.loc?.start === position
          : node.kind === Kind.VARIABLE &&
            node.name.value === variable &&
            within.every((ancestor) => ancestor.kind !== Kind.VARIABLE_DEFINITION);
      if (!hit) return undefined;
      field = namesOf(within) || undefined;
      return BREAK;
    },
  });
  return field;
}

/** A request's errors share its Source: parsed once for all of them (a query may have a hundred bad values). */
const parsed = new WeakMap<Source, DocumentNode | null>();

function documentOf(source: Source): DocumentNode | null {
  if (!parsed.has(source)) {
    try {
      parsed.set(source, parse(source));
    } catch {
      parsed.set(source, null); // a syntax error: no input value to name
    }
  }
  return parsed.get(source)!;
}

/** `argument.field.field` of the argument and object fields among a node's ancestors. */
function namesOf(ancestors: ASTNode[]): string {
  return ancestors
    .flatMap((node) => (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD ? [node.name.value] : []))
    .join(".");
}
