import { Command } from "commander";
import { action } from "./lib/command.ts";
import { parseCount } from "./lib/inputs.ts";
import { resolveListing } from "./lib/listing-ref.ts";

const set = new Command("set")
  .description("set the remaining stock of an active listing")
  .argument("<listing>", "listing id (0x…) or SKU")
  .argument("<quantity>", "units left")
  .action(
    action(async (ctx, reference: string, quantityText: string) => {
      const quantity = parseCount(quantityText, "quantity");
      const { listingId } = await resolveListing(ctx, reference);
      const receipt = await (await ctx.tx()).send({
        contract: "ListingRegistry",
        functionName: "setStock",
        args: [listingId, quantity],
      });
      return {
        data: { listingId, remaining: quantity, tx: receipt.transactionHash },
        text: `listing ${listingId}: ${quantity} left`,
      };
    }),
  );

export const stockCommand = new Command("stock").addCommand(set);
