import { Module } from "@nestjs/common";
import { LoadersModule } from "../common/loaders.module.ts";
import { ListingsModule } from "../listings/listings.module.ts";
import { OrdersModule } from "../orders/orders.module.ts";
import { ChangeFeed } from "./change-feed.ts";
import { SubscriptionsResolver } from "./subscriptions.resolver.ts";

/** Live updates of orders and listings after each committed indexer batch, and their part of the schema. */
@Module({
  imports: [ListingsModule, LoadersModule, OrdersModule],
  providers: [ChangeFeed, SubscriptionsResolver],
})
export class SubscriptionsModule {}
