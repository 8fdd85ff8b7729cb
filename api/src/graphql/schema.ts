import { createSchema } from "graphql-yoga";
import type { ApiContext } from "../common/context.ts";
import { connectionTypeDefs } from "../common/connection.ts";
import { scalarResolvers, scalarTypeDefs } from "../common/scalars.ts";
import type { SchemaPart } from "./schema-part.ts";

/** The whole GraphQL schema: the shared scalars and PageInfo, then one part per domain. */
export function buildSchema(parts: readonly SchemaPart[]) {
  return createSchema<ApiContext>({
    typeDefs: [scalarTypeDefs, connectionTypeDefs, ...parts.map((part) => part.typeDefs)],
    resolvers: [scalarResolvers, ...parts.map((part) => part.resolvers)],
  });
}
