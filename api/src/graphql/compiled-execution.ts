import {
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  Kind,
  type Source,
  visit,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import type { Plugin } from "graphql-yoga";

/**
 * Executes queries with graphql-jit: a document's operation is compiled into a function that resolves
 * its fields without walking the document on every request (the default executor's walk was about a fifth of the
 * API's main thread on a storefront's reads). Compiled from its second sighting: a document sent once (a client
 * trying things, or a stranger sending a new one each time) is not worth compiling, and must not make every request
 * cost a compilation. Mutations and subscriptions keep the default executor (graphql-jit runs a mutation's next root
 * field after one failed; graphql-js stops).
 *
 * What runs is compiled from the document the executor is handed, not the one parsed: the response cache hands it
 * its own copy with the ids and type names it records entities by.
 *
 * Variables are checked first: a request with a bad one goes to the default executor, whose errors carry the scalar's
 * own message and the variable's position, which name the argument at fault (input-field.ts), with HTTP status 400;
 * graphql-jit's say only "Expected type Address". Its execution errors are rebuilt as graphql-js makes them (see
 * asExecutionError), so a client sees the same answer at every sighting.
 */
export function compiledExecution(): Plugin {
  const sighted = new WeakSet<DocumentNode>();
  const compilations = new WeakMap<DocumentNode, Map<string, CompiledQuery | "not compilable">>();

  function compiled(args: ExecutionArgs): CompiledQuery | undefined {
    let byOperation = compilations.get(args.document);
    if (!byOperation) compilations.set(args.document, (byOperation = new Map()));
    const name = args.operationName ?? "";
    let compilation = byOperation.get(name);
    if (compilation === undefined) {
      const result = holdsJitMarker(args.document)
        ? undefined
        : compileQuery(args.schema, args.document, args.operationName ?? undefined);
      byOperation.set(name, (compilation = result && isCompiledQuery(result) ? result : "not compilable"));
    }
    return compilation === "not compilable" ? undefined : compilation;
  }

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const seenBefore = sighted.has(args.document);
      sighted.add(args.document);
      if (!seenBefore) return;
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== "query") return;
      const { errors } = getVariableValues(
        args.schema,
        operation.variableDefinitions ?? [],
        args.variableValues ?? {},
        {
          maxErrors: 1,
        },
      );
      if (errors) return; // the default executor reports them
      setExecuteFn((run) => {
        const query = compiled(run);
        if (!query) return executeFn(run);
        const source = run.document.loc?.source;
        const result = query.query(run.rootValue, run.contextValue, run.variableValues);
        return result instanceof Promise ? result.then((done) => located(done, source)) : located(result, source);
      });
    },
  };
}

function located(result: ExecutionResult, source: Source | undefined): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map((error) => asExecutionError(error, source)) } : result;
}

/**
 * A compiled execution's error as graphql-js makes it: at its positions in the document (graphql-jit gives line and
 * column alone, which error masking cannot carry), and, unless a resolver threw it, an error of the server's own
 * (graphql-jit makes "Cannot return null for non-nullable field" and a scalar's refusal to serialise without an
 * original error, which masking would take for the client's input).
 */
function asExecutionError(error: GraphQLError, source: Source | undefined): GraphQLError {
  const positions = source && error.locations?.map(({ line, column }) => positionOf(source.body, line, column));
  return new GraphQLError(error.message, {
    source,
    positions,
    path: error.path,
    originalError: error.originalError ?? new Error(error.message),
    extensions: error.extensions,
  });
}

function positionOf(body: string, line: number, column: number): number {
  let start = 0;
  for (let at = 1; at < line; at++) start = body.indexOf("\n", start) + 1;
  return start + column - 1;
}

/**
 * Whether a string literal of the document holds graphql-jit's markers for values JSON cannot write (NaN, dates):
 * it writes literals into the code it generates and puts those values back by replacing the markers, so a literal
 * holding one could end a string early. Such a document runs on the default executor.
 */
function holdsJitMarker(document: DocumentNode): boolean {
  let held = false;
  visit(document, {
    [Kind.STRING](node) {
      held = node.value.includes("__MAGIC_");
      return held ? BREAK : undefined;
    },
  });
  return held;
}
