import { DiscoveryService } from "@nestjs/core";
import type { createSchema } from "graphql-yoga";
import type { ApiContext } from "../common/context.ts";

/** A resolver map, as graphql-yoga's createSchema takes it. */
export type Resolvers = Extract<
  NonNullable<Parameters<typeof createSchema<ApiContext>>[0]["resolvers"]>,
  readonly unknown[]
>[number];

/** What a domain module adds to the GraphQL schema: its SDL and the resolvers of the types and fields it declares. */
export interface SchemaPart {
  readonly typeDefs: string;
  readonly resolvers: Resolvers;
}

/** Marks a provider as a SchemaPart: the GraphQL route collects every provider so marked, from every module. */
export const GraphqlSchemaPart = DiscoveryService.createDecorator<void>();
