import { Inject, Injectable } from "@nestjs/common";
import { requireSession } from "../auth/guard.ts";
import type { ApiContext } from "../common/context.ts";
import { ForbiddenError } from "../errors.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { OrdersService, type OrderRole } from "../orders/orders.service.ts";

const accountsTypeDefs = /* GraphQL */ `
  type Query {
    "An account's money in the escrow (public, as the contract's balanceOf is) and, for itself, its orders."
    account(address: Address!): Account!
  }

  type Account {
    address: Address!
    """
    Per token the account was ever credited in (refunds and cancellations as a buyer, sales as a payout address,
    fees as the treasury): what OrderEscrow.withdraw(token) pays out now, and what it has withdrawn.
    """
    balances: [Balance!]!
    "Per token, the account as a merchant: settled to its payout, withdrawn by that payout, held in open orders."
    merchantFunds: [MerchantFunds!]!
    "The account's orders as buyer, merchant or either, newest first: only for the account itself, signed in."
    orders(role: OrderRole = ANY, status: OrderStatus, first: Int = 20, after: String): OrderConnection!
  }
  type Balance { token: Address! amount: UInt256! withdrawn: UInt256! }
  type MerchantFunds { token: Address! settled: UInt256! withdrawn: UInt256! held: UInt256! }
`;

interface Account {
  address: string;
}

const accountsResolvers = (orders: OrdersService) => ({
  Query: {
    account: (_: unknown, args: { address: string }): Account => ({ address: args.address.toLowerCase() }),
  },
  Account: {
    balances: (account: Account, _: unknown, context: ApiContext) =>
      context.loaders.accountBalances.load(account.address),
    merchantFunds: (account: Account, _: unknown, context: ApiContext) =>
      context.loaders.merchantFunds.load(account.address),
    orders: async (
      account: Account,
      args: { role?: OrderRole; status?: string; first?: number; after?: string },
      context: ApiContext,
    ) => {
      const session = await requireSession(context);
      if (session.address !== account.address)
        throw new ForbiddenError(`orders: only ${account.address} itself, signed in, may list its orders`);
      return orders.list(session, args, true);
    },
  },
});

@GraphqlSchemaPart()
@Injectable()
export class AccountsResolver implements SchemaPart {
  readonly typeDefs = accountsTypeDefs;
  readonly resolvers;

  constructor(@Inject(OrdersService) orders: OrdersService) {
    this.resolvers = accountsResolvers(orders);
  }
}
