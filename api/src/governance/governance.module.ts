import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.ts";
import { GovernanceResolver } from "./governance.resolver.ts";
import { GovernanceService } from "./governance.service.ts";

/** The AccessManager's queue of delayed ADMIN acts, and its part of the schema. */
@Module({
  imports: [ChainModule],
  providers: [GovernanceService, GovernanceResolver],
})
export class GovernanceModule {}
