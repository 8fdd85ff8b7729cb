import { Module } from "@nestjs/common";
import { OrdersModule } from "../orders/orders.module.ts";
import { AccountsResolver } from "./accounts.resolver.ts";
import { AccountsService } from "./accounts.service.ts";

/** Accounts: escrow balances and withdrawals per token, merchant funds, and an account's own orders. */
@Module({
  imports: [OrdersModule],
  providers: [AccountsService, AccountsResolver],
  exports: [AccountsService],
})
export class AccountsModule {}
