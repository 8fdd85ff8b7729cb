import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.ts";
import { VouchersResolver } from "./vouchers.resolver.ts";
import { VouchersService } from "./vouchers.service.ts";

/** Voucher codes: published by merchants, turned into signed vouchers at checkout. */
@Module({
  imports: [ChainModule],
  providers: [VouchersService, VouchersResolver],
  exports: [VouchersService],
})
export class VouchersModule {}
