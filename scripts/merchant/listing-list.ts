import { Command } from "commander";
import { currencyOf, formatAmount } from "./lib/amounts.ts";
import { action } from "./lib/command.ts";

export const listingListCommand = new Command("list")
  .description("the merchant's published listings with status and remaining stock")
  .option("--all", "include superseded and cancelled versions")
  .action(
    action(async (ctx, options: { all?: boolean }) => {
      const { merchant } = await ctx.identity();
      const chain = await ctx.chain();
      const listings = (await (await ctx.reader()).listingsOf(merchant)).filter((l) => options.all || l.status === "Active");
      const lines = await Promise.all(
        listings.map(async ({ listingId, listing, status, remaining }) =>
          `${listingId}  sku ${listing.sku} v${listing.version}  ${status.padEnd(10)} ${String(remaining).padStart(5)} left  ${formatAmount(listing.price, await currencyOf(chain.client, listing.token))}`),
      );
      return { data: listings, text: lines.length ? lines.join("\n") : "no listings" };
    }),
  );
