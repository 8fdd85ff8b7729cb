import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.ts";
import { ListingsModule } from "../listings/listings.module.ts";
import { SyncModule } from "../sync/sync.module.ts";
import { HealthController } from "./health.controller.ts";
import { ApiMetrics } from "./metrics.ts";

/** /health, /ready and /metrics, and the counters the GraphQL route keeps. */
@Module({
  imports: [ChainModule, SyncModule, ListingsModule],
  controllers: [HealthController],
  providers: [ApiMetrics],
  exports: [ApiMetrics],
})
export class HealthModule {}
