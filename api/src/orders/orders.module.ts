import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.ts";
import { RolesModule } from "../roles/roles.module.ts";
import { VouchersModule } from "../vouchers/vouchers.module.ts";
import { OrdersResolver } from "./orders.resolver.ts";
import { OrdersService } from "./orders.service.ts";
import { PrepareOrderService } from "./prepare-order.service.ts";

/** Orders: reads for the parties and overseers, prepareOrder, and their part of the schema. */
@Module({
  imports: [ChainModule, RolesModule, VouchersModule],
  providers: [OrdersService, PrepareOrderService, OrdersResolver],
  exports: [OrdersService],
})
export class OrdersModule {}
