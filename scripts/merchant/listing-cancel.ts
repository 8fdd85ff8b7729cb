import { Command } from "commander";
import { action } from "./lib/command.ts";
import { resolveListing } from "./lib/listing-ref.ts";

export const listingCancelCommand = new Command("cancel")
  .description("cancel one listing (no new orders; open orders carry on)")
  .argument("<listing>", "listing id (0x…) or SKU")
  .action(
    action(async (ctx, reference: string) => {
      const { listingId } = await resolveListing(ctx, reference);
      const receipt = await (await ctx.tx()).send({
        contract: "ListingRegistry",
        functionName: "cancel",
        args: [listingId],
      });
      return { data: { listingId, tx: receipt.transactionHash }, text: `listing ${listingId} cancelled` };
    }),
  );

export const listingCancelAllCommand = new Command("cancel-all")
  .description(
    "increment the merchant's counter: every listing and voucher signed so far becomes invalid, published or not",
  )
  .action(
    action(async (ctx) => {
      const { merchant } = await ctx.identity();
      const receipt = await (await ctx.tx()).send({
        contract: "MerchantRegistry",
        functionName: "incrementCounter",
        args: [merchant],
      });
      const { counter } = await (await ctx.reader()).merchant(merchant);
      return {
        data: { merchant, counter, tx: receipt.transactionHash },
        text: `every listing signed before is invalid; counter is now ${counter}`,
      };
    }),
  );
