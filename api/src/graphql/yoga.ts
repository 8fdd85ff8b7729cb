import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { NoSchemaIntrospectionCustomRule } from "graphql";
import { createYoga, type Plugin } from "graphql-yoga";
import type { Logger } from "pino";
import type { SessionTokens } from "../auth/session-tokens.ts";
import type { ApiContext } from "../common/context.ts";
import type { IndexChanges } from "../common/index-changes.ts";
import { inputFieldPlugin } from "../common/input-field.ts";
import type { LoaderFactory } from "../common/loaders.ts";
import { createMaskError } from "../common/mask-error.ts";
import { anonymousResponseCache } from "../common/response-cache.ts";
import type { ApiConfig } from "../config.ts";
import { compiledExecution } from "./compiled-execution.ts";
import type { SchemaPart } from "./schema-part.ts";
import { buildSchema } from "./schema.ts";

/**
 * What the yoga server reads beside its settings: the index's changes (response cache), sessions and
 * DataLoaders (context).
 */
export interface GraphqlDependencies {
  changes: IndexChanges;
  sessions: SessionTokens;
  loaders: LoaderFactory;
}

/** The yoga server: schema, per-request context (DataLoaders, lazy session), limits, masking, CORS. */
export function createGraphqlServer(
  config: ApiConfig,
  parts: readonly SchemaPart[],
  dependencies: GraphqlDependencies,
  logger: Logger,
) {
  const { changes, sessions, loaders } = dependencies;
  const { limits } = config;
  const plugins: Plugin[] = [
    maxDepthPlugin({ n: limits.maxDepth, exposeLimits: true, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.maxAliases, exposeLimits: true }),
    costLimitPlugin({ maxCost: limits.maxCost, exposeLimits: true }),
    maxTokensPlugin({ n: limits.maxTokens, exposeLimits: true }),
    inputFieldPlugin,
    compiledExecution(),
  ];
  if (config.responseCacheMs > 0)
    plugins.push(anonymousResponseCache(changes, config.responseCacheMs, limits.maxTokens));
  if (!config.introspection)
    plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  return createYoga<object, ApiContext>({
    schema: buildSchema(parts),
    graphqlEndpoint: "/graphql",
    graphiql: config.graphiql,
    landingPage: false,
    logging: false,
    cors: {
      origin: config.corsOrigins === "*" ? "*" : config.corsOrigins,
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders: ["content-type", "authorization"],
    },
    maskedErrors: { maskError: createMaskError(logger, config.exposeErrors) },
    plugins,
    context: ({ request }) => {
      let session: ReturnType<ApiContext["session"]> | undefined;
      return {
        loaders: loaders.create(),
        session: () => {
          session ??= sessions.fromHeader(request.headers.get("authorization"));
          return session;
        },
      };
    },
  });
}
