import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.ts";
import { SyncStatusService } from "./sync-status.service.ts";
import { SyncResolver } from "./sync.resolver.ts";

/** How far the indexer has come, and its part of the schema. */
@Module({
  imports: [ChainModule],
  providers: [SyncStatusService, SyncResolver],
  exports: [SyncStatusService],
})
export class SyncModule {}
