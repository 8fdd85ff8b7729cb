import { Module, type DynamicModule } from "@nestjs/common";
import type { Logger } from "pino";
import { RpcClient } from "#indexer/sync/rpc.ts";
import { NonceStore } from "./auth/nonce-store.ts";
import { SessionTokens } from "./auth/session-tokens.ts";
import { SiweService } from "./auth/siwe.service.ts";
import { ChainClock } from "./chain/chain-clock.service.ts";
import { DeploymentService } from "./chain/deployment.service.ts";
import { IndexVersion } from "./common/index-version.ts";
import { CHAIN_RPC, CONFIG, LOGGER } from "./common/tokens.ts";
import type { ApiConfig } from "./config.ts";
import { DATABASE, type Database } from "./database.ts";
import { DocumentsService } from "./documents/documents.service.ts";
import { HealthController } from "./health/health.controller.ts";
import { ApiMetrics } from "./health/metrics.ts";
import { ListingsService } from "./listings/listings.service.ts";
import { MerchantsService } from "./merchants/merchants.service.ts";
import { OrdersService } from "./orders/orders.service.ts";
import { PrepareOrderService } from "./orders/prepare-order.service.ts";
import { ProvenanceService } from "./provenance/provenance.service.ts";
import { RolesService } from "./roles/roles.service.ts";
import { ChangeFeed } from "./subscriptions/change-feed.ts";
import { StorefrontService } from "./storefront/storefront.service.ts";
import { SyncStatusService } from "./sync/sync-status.service.ts";

/** Wiring only: values built outside Nest, then every service. */
@Module({})
export class AppModule {
  static register(values: { config: ApiConfig; database: Database; logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController],
      providers: [
        { provide: CONFIG, useValue: values.config },
        { provide: DATABASE, useValue: values.database },
        { provide: LOGGER, useValue: values.logger },
        { provide: CHAIN_RPC, useValue: values.config.rpcUrl ? new RpcClient(values.config.rpcUrl, { timeoutMs: 2_000, retries: 0 }) : null },
        ApiMetrics,
        IndexVersion,
        DeploymentService,
        ChainClock,
        DocumentsService,
        ListingsService,
        MerchantsService,
        OrdersService,
        PrepareOrderService,
        ProvenanceService,
        RolesService,
        SyncStatusService,
        NonceStore,
        SessionTokens,
        SiweService,
        ChangeFeed,
        StorefrontService,
      ],
    };
  }
}
