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
      // The API serves the active catalogue; every version, cancelled and superseded ones too, comes from chain logs.
      const listings = options.all
        ? await (await ctx.reader()).listingsOf(merchant)
        : await (await ctx.browse()).activeListingsOf(merchant);
      const lines = await Promise.all(
        listings.map(async ({ listingId, listing, status, remaining }) => {
          const price = formatAmount(listing.price, await currencyOf(chain.client, listing.token));
          const left = `${String(remaining).padStart(5)} left`;
          return `${listingId}  sku ${listing.sku} v${listing.version}  ${status.padEnd(10)} ${left}  ${price}`;
        }),
      );
      return { data: listings, text: lines.length ? lines.join("\n") : "no listings" };
    }),
  );
