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

const OPEN_STATUSES = sql.join(
  OPEN_ORDER_STATUSES.map((status) => sql`${ORDER_STATUS_NAMES[status]}`),
  sql`, `,
);

/** `$1, $2, …` of lowercase addresses, for an `in`. */
const addressList = (addresses: readonly string[]) =>
  sql.join(
    addresses.map((address) => sql`${address}`),
    sql`, `,
  );

/** Money of accounts in the escrow, as the index holds it; each read takes many accounts (for loaders). */
@Injectable()
export class AccountsService {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Per account, per token it was ever credited in: what it can withdraw now and what it has withdrawn. */
  async balances(accounts: readonly string[]): Promise<Balance[][]> {
    const rows = await queryRows<Balance & { account: string }>(
      this.database.db,
      sql`select account, token, amount::text as amount, withdrawn::text as withdrawn from balances
        where account in (${addressList(accounts)}) order by account, token`,
    );
    return accounts.map((account) =>
      rows.filter((row) => row.account === account).map(({ account: _, ...balance }) => balance),
    );
  }

  /**
   * Per merchant, per token: paid out to it by settled orders (to its payout address at the time), what those
   * payout addresses have withdrawn, and what its open orders still hold in the escrow.
   */
  async merchantFunds(merchants: readonly string[]): Promise<MerchantFunds[][]> {
    const rows = await queryRows<MerchantFunds & { merchant: string }>(
      this.database.db,
      sql`with settled as (
          select o.merchant, o.token, sum(s.merchant_amount) as amount
          from settlements s join orders o on o.id = s.order_id
          where o.merchant in (${addressList(merchants)}) group by o.merchant, o.token
        ), held as (
          select merchant, token, sum(total - refunded) as amount from orders
          where merchant in (${addressList(merchants)}) and status in (${OPEN_STATUSES})
          group by merchant, token
        ), payouts as (
          select distinct o.merchant, s.payout from settlements s join orders o on o.id = s.order_id
          where o.merchant in (${addressList(merchants)})
        ), withdrawn as (
          select p.merchant, b.token, sum(b.withdrawn) as amount from payouts p join balances b on b.account = p.payout
          group by p.merchant, b.token
        )
        select merchant, token, coalesce(settled.amount, 0)::text as settled,
          coalesce(withdrawn.amount, 0)::text as withdrawn, coalesce(held.amount, 0)::text as held
        from settled full join held using (merchant, token) full join withdrawn using (merchant, token)
        order by merchant, token`,
    );
    return merchants.map((merchant) =>
      rows.filter((row) => row.merchant === merchant).map(({ merchant: _, ...funds }) => funds),
    );
  }
}
