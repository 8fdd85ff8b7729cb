import { Command } from "commander";
import { ValidationError } from "../../sdk/errors.ts";
import type { Listing } from "../../sdk/eip712.ts";
import { currencyOf, formatAmount, parseAmount } from "./lib/amounts.ts";
import { action } from "./lib/command.ts";
import { parseCount } from "./lib/inputs.ts";
import { resolveListing } from "./lib/listing-ref.ts";
import { signListing } from "./lib/listing-publish.ts";

interface UpdateOptions {
  price?: string;
  quantity?: string;
  maxPerBuyer?: string;
  validDays?: string;
}

export const listingUpdateCommand = new Command("update")
  .description(
    "publish the next version of a listing with a new price, quantity, per-buyer limit or validity " +
      "(same metadata); " +
      "it supersedes the current one",
  )
  .argument("<listing>", "listing id (0x…) or SKU")
  .option("--price <amount>", "new price, decimal in the listing's currency")
  .option("--quantity <n>", "new quantity")
  .option("--max-per-buyer <n>", "units one buyer may hold in orders of the new version (0: no limit)")
  .option("--valid-days <n>", "valid for this many days from now")
  .addHelpText(
    "after",
    "\nTo change the title, images or other metadata, run `listing create` with the SKU: " +
      "it publishes the next version.",
  )
  .action(
    action(async (ctx, reference: string, options: UpdateOptions) => {
      if (!options.price && !options.quantity && !options.maxPerBuyer && !options.validDays)
        throw new ValidationError("options", "name at least one of --price, --quantity, --max-per-buyer, --valid-days");
      const current = await resolveListing(ctx, reference);
      const chain = await ctx.chain();
      const currency = await currencyOf(chain.client, current.listing.token);
      const { counter } = await (await ctx.reader()).merchant(current.listing.merchant);
      const now = Number((await chain.client.getBlock()).timestamp);
      const listing: Listing = {
        ...current.listing,
        version: current.listing.version + 1n,
        price: options.price ? parseAmount(options.price, currency, "--price") : current.listing.price,
        quantity: options.quantity ? parseCount(options.quantity, "--quantity") : current.listing.quantity,
        maxPerBuyer: options.maxPerBuyer
          ? parseCount(options.maxPerBuyer, "--max-per-buyer")
          : current.listing.maxPerBuyer,
        validFrom: now - 60,
        validUntil: options.validDays
          ? now + Number(parseCount(options.validDays, "--valid-days")) * 86_400
          : current.listing.validUntil,
        counter,
      };
      const tx = await ctx.tx();
      const receipt = await tx.send({
        contract: "ListingRegistry",
        functionName: "publish",
        args: [listing, await signListing(ctx, listing)],
      });
      const listingId = (await chain.client.readContract({
        ...chain.contract("ListingRegistry"),
        functionName: "hashListing",
        args: [listing],
      })) as string;
      return {
        data: {
          listingId,
          supersedes: current.listingId,
          sku: listing.sku,
          version: listing.version,
          price: listing.price,
          quantity: listing.quantity,
          tx: receipt.transactionHash,
        },
        text:
          `SKU ${listing.sku} v${listing.version} published as ${listingId} ` +
          `(${formatAmount(listing.price, currency)}, ${listing.quantity} in stock); supersedes ${current.listingId}`,
      };
    }),
  );
