import { Module } from "@nestjs/common";
import { DiscoveryModule } from "@nestjs/core";
import { AuthModule } from "../auth/auth.module.ts";
import { LoadersModule } from "../common/loaders.module.ts";
import { HealthModule } from "../health/health.module.ts";
import { GraphqlRoute } from "./graphql-route.ts";

/** The GraphQL endpoint: graphql-yoga over the schema parts the domain modules provide. */
@Module({
  imports: [DiscoveryModule, LoadersModule, AuthModule, HealthModule],
  providers: [GraphqlRoute],
})
export class GraphqlModule {}
