import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { NoSchemaIntrospectionCustomRule } from "graphql";
import { createYoga, type Plugin } from "graphql-yoga";
import type { Logger } from "pino";
import type { ApiContext } from "./common/context.ts";
import { createLoaders } from "./common/loaders.ts";
import { createMaskError } from "./common/mask-error.ts";
import { anonymousResponseCache } from "./common/response-cache.ts";
import type { Services } from "./common/services.ts";
import type { ApiConfig } from "./config.ts";
import { buildSchema } from "./schema.ts";

const BEARER = /^Bearer\s+(\S+)$/i;

/** The yoga server: schema, per-request context (services, DataLoaders, lazy session), limits, masking, CORS. */
export function createGraphqlServer(config: ApiConfig, services: Services, logger: Logger) {
  const { limits } = config;
  const plugins: Plugin[] = [
    maxDepthPlugin({ n: limits.maxDepth, exposeLimits: true, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.maxAliases, exposeLimits: true }),
    costLimitPlugin({ maxCost: limits.maxCost, exposeLimits: true }),
    maxTokensPlugin({ n: limits.maxTokens, exposeLimits: true }),
  ];
  if (config.responseCacheMs > 0) plugins.push(anonymousResponseCache(services.indexVersion, config.responseCacheMs));
  if (!config.introspection) plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  return createYoga<object, ApiContext>({
    schema: buildSchema(),
    graphqlEndpoint: "/graphql",
    graphiql: config.graphiql,
    landingPage: false,
    logging: false,
    cors: { origin: config.corsOrigins === "*" ? "*" : config.corsOrigins, methods: ["GET", "POST", "OPTIONS"], allowedHeaders: ["content-type", "authorization"] },
    maskedErrors: { maskError: createMaskError(logger, config.exposeErrors) },
    plugins,
    context: ({ request }) => {
      let session: ReturnType<ApiContext["session"]> | undefined;
      return {
        services,
        loaders: createLoaders(services),
        session: () => {
          session ??= (async () => {
            const header = request.headers.get("authorization");
            if (!header) return null;
            const token = BEARER.exec(header)?.[1];
            return services.sessions.verify(token ?? "");
          })();
          return session;
        },
      };
    },
  });
}
