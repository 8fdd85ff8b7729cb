import { createSchema } from "graphql-yoga";
import { authResolvers, authTypeDefs } from "./auth/auth.graphql.ts";
import { connectionTypeDefs } from "./common/connection.ts";
import type { ApiContext } from "./common/context.ts";
import { scalarResolvers, scalarTypeDefs } from "./common/scalars.ts";
import { listingsResolvers, listingsTypeDefs } from "./listings/listings.graphql.ts";
import { merchantsResolvers, merchantsTypeDefs } from "./merchants/merchants.graphql.ts";
import { ordersResolvers, ordersTypeDefs } from "./orders/orders.graphql.ts";
import { provenanceResolvers, provenanceTypeDefs } from "./provenance/provenance.graphql.ts";
import { rolesResolvers, rolesTypeDefs } from "./roles/roles.graphql.ts";
import { storefrontResolvers, storefrontTypeDefs } from "./storefront/storefront.graphql.ts";
import { subscriptionsResolvers, subscriptionsTypeDefs } from "./subscriptions/subscriptions.graphql.ts";
import { syncResolvers, syncTypeDefs } from "./sync/sync.graphql.ts";

/** The whole GraphQL schema: one SDL part and one resolver map per domain. */
export function buildSchema() {
  return createSchema<ApiContext>({
    typeDefs: [scalarTypeDefs, connectionTypeDefs, listingsTypeDefs, merchantsTypeDefs, ordersTypeDefs, provenanceTypeDefs, rolesTypeDefs, syncTypeDefs, authTypeDefs, subscriptionsTypeDefs, storefrontTypeDefs],
    resolvers: [scalarResolvers, listingsResolvers, merchantsResolvers, ordersResolvers, provenanceResolvers, rolesResolvers, syncResolvers, authResolvers, subscriptionsResolvers, storefrontResolvers],
  });
}
