import { Module, type DynamicModule } from "@nestjs/common";
import { AccountsModule } from "./accounts/accounts.module.ts";
import { AuthModule } from "./auth/auth.module.ts";
import { CoreModule, type AppValues } from "./common/core.module.ts";
import { GovernanceModule } from "./governance/governance.module.ts";
import { GraphqlModule } from "./graphql/graphql.module.ts";
import { HealthModule } from "./health/health.module.ts";
import { ListingsModule } from "./listings/listings.module.ts";
import { MediaModule } from "./media/media.module.ts";
import { MerchantsModule } from "./merchants/merchants.module.ts";
import { OrdersModule } from "./orders/orders.module.ts";
import { ProvenanceModule } from "./provenance/provenance.module.ts";
import { RolesModule } from "./roles/roles.module.ts";
import { StorefrontModule } from "./storefront/storefront.module.ts";
import { SubscriptionsModule } from "./subscriptions/subscriptions.module.ts";
import { SyncModule } from "./sync/sync.module.ts";
import { VouchersModule } from "./vouchers/vouchers.module.ts";
import { WebhooksModule } from "./webhooks/webhooks.module.ts";

/** Wiring only: the values built outside Nest, then one module per domain and the GraphQL endpoint over them. */
@Module({})
export class AppModule {
  static register(values: AppValues): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(values),
        ListingsModule,
        MerchantsModule,
        OrdersModule,
        AccountsModule,
        ProvenanceModule,
        RolesModule,
        GovernanceModule,
        VouchersModule,
        SyncModule,
        AuthModule,
        SubscriptionsModule,
        WebhooksModule,
        StorefrontModule,
        MediaModule,
        HealthModule,
        GraphqlModule,
      ],
    };
  }
}
