import { Inject, Injectable } from "@nestjs/common";
import { ORDER_STATUS_NAMES, OPEN_ORDER_STATUSES } from "#sdk/statuses.ts";
import { DATABASE, queryRows, sql, type Database } from "../database.ts";

export interface Balance {
  token: string;
  amount: string;
  withdrawn: string;
}

export interface MerchantFunds {
  token: string;
  settled: string;
  withdrawn: string;
  held: string;
}

const OPEN_STATUSES = OPEN_ORDER_STATUSES.map((status) => ORDER_STATUS_NAMES[status]);

/** Money of one account in the escrow, as the index holds it. */
@Injectable()
export class AccountsService {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Per token the account was ever credited in: what it can withdraw now and what it has withdrawn. */
  balances(account: string): Promise<Balance[]> {
    return queryRows<Balance>(
      this.database.db,
      sql`select token, amount::text as amount, withdrawn::text as withdrawn from balances
        where account = ${account} order by token`,
    );
  }

  /**
   * Per token, for a merchant: paid out to it by settled orders (to its payout address at the time), what that
   * payout address has withdrawn, and what its open orders still hold in the escrow.
   */
  merchantFunds(merchant: string): Promise<MerchantFunds[]> {
    return queryRows<MerchantFunds>(
      this.database.db,
      sql`with settled as (
          select o.token, sum(s.merchant_amount) as amount from settlements s join orders o on o.id = s.order_id
          where o.merchant = ${merchant} group by o.token
        ), held as (
          select token, sum(total - refunded) as amount from orders
          where merchant = ${merchant} and status in (${sql.join(
            OPEN_STATUSES.map((status) => sql`${status}`),
            sql`, `,
          )})
          group by token
        ), withdrawn as (
          select b.token, sum(b.withdrawn) as amount from balances b
          where b.account in (select distinct payout from settlements s join orders o on o.id = s.order_id
            where o.merchant = ${merchant})
          group by b.token
        )
        select token, coalesce(settled.amount, 0)::text as settled, coalesce(withdrawn.amount, 0)::text as withdrawn,
          coalesce(held.amount, 0)::text as held
        from settled full join held using (token) full join withdrawn using (token)
        order by token`,
    );
  }
}
