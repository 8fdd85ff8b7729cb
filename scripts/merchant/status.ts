import { Command } from "commander";
import { zeroAddress, type Address } from "viem";
import { action } from "./lib/command.ts";
import { currencyOf, formatAmount } from "./lib/amounts.ts";

const OPEN = new Set(["Placed", "Accepted", "Shipped", "Disputed"]);

export const statusCommand = new Command("status").action(
  action(async (ctx) => {
    const chain = await ctx.chain();
    const identity = await ctx.identity();
    const reader = await ctx.reader();
    const browse = await ctx.browse();
    const [block, merchant, orders, listings, sync] = await Promise.all([
      chain.client.getBlockNumber(),
      reader.merchant(identity.merchant),
      browse.ordersOf(identity.merchant),
      browse.activeListingsOf(identity.merchant),
      browse.syncStatus(),
    ]);
    const tokens = [...new Set<Address>([zeroAddress, ...listings.map((l) => l.listing.token)])];
    const account = merchant.payout === zeroAddress ? identity.account.address : merchant.payout;
    const balances = await Promise.all(
      tokens.map(async (token) => {
        const currency = await currencyOf(chain.client, token);
        return { token, balance: await reader.balance(account, token), currency };
      }),
    );
    const open = orders.filter((order) => OPEN.has(order.status));
    const data = {
      chainId: chain.chainId,
      block,
      account: identity.account.address,
      merchant: identity.merchant,
      status: merchant.status,
      counter: merchant.counter,
      signer: merchant.signer,
      payout: merchant.payout,
      reads: browse.source,
      indexer: sync && {
        indexedBlock: sync.indexedBlock,
        headBlock: sync.headBlock,
        lag: sync.lag ?? (sync.indexedBlock === null ? null : Number(block) - sync.indexedBlock),
      },
      activeListings: listings.length,
      openOrders: open.map((order) => ({ orderId: order.orderId, status: order.status })),
      balances: balances.map(({ token, balance, currency }) => ({ token, symbol: currency.symbol, balance })),
    };
    const actingAs =
      identity.account.address !== identity.merchant ? ` (acting as signer ${identity.account.address})` : "";
    const withdrawable = balances.map(({ balance, currency }) => formatAmount(balance, currency)).join(", ");
    return {
      data,
      text: [
        `chain ${chain.chainId} at block ${block}`,
        data.indexer
          ? `indexer at block ${data.indexer.indexedBlock ?? "-"}, ` +
            `${data.indexer.lag ?? "?"} behind (${ctx.config.API_URL})`
          : `indexer not reachable at ${ctx.config.API_URL}: orders and listings read from chain logs`,
        `merchant ${identity.merchant}: ${merchant.status}, counter ${merchant.counter}${actingAs}`,
        `listings ${data.activeListings} active`,
        `pending orders ${open.length ? open.map((o) => `#${o.orderId} ${o.status}`).join(", ") : "none"}`,
        `to withdraw (${account}): ${withdrawable}`,
      ].join("\n"),
    };
  }),
);
