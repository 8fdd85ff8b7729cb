import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.ts";
import { StorefrontResolver } from "./storefront.resolver.ts";
import { StorefrontService } from "./storefront.service.ts";

/** The settings a wallet-connected storefront needs, and their part of the schema. */
@Module({
  imports: [ChainModule],
  providers: [StorefrontService, StorefrontResolver],
})
export class StorefrontModule {}
