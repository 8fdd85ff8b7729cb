import { Command } from "commander";
import { zeroHash } from "viem";
import { action } from "./lib/command.ts";
import type { Context } from "./lib/context.ts";
import { putNote } from "./lib/documents.ts";
import { itemIdOf, parseCount } from "./lib/inputs.ts";
import { resolveListing } from "./lib/listing-ref.ts";

interface NewItemOptions {
  listing?: string;
  quantity: string;
}

/** The contract's NewItem for each EPC, all of one listing (or none) and quantity. */
async function newItems(ctx: Context, epcs: string[], options: NewItemOptions) {
  const listingId = options.listing ? (await resolveListing(ctx, options.listing)).listingId : zeroHash;
  const quantity = parseCount(options.quantity, "--quantity");
  return epcs.map((epc) => ({ itemId: itemIdOf(epc), listingId, quantity, epc }));
}

export const provenanceRegisterCommand = new Command("register")
  .description("register items, batches or shipment containers you hold; needs the MERCHANT role")
  .argument("<epcs...>", "EPC URIs (the item id is their keccak-256)")
  .option("--listing <listing>", "listing id (0x…) or SKU the items are of")
  .option("--quantity <n>", "units per item or batch", "1")
  .action(
    action(async (ctx, epcs: string[], options: NewItemOptions) => {
      const items = await newItems(ctx, epcs, options);
      const receipt = await (await ctx.tx()).send({
        contract: "Provenance",
        functionName: "registerItems",
        args: [items],
      });
      return {
        data: { items, tx: receipt.transactionHash },
        text: items.map((item) => `${item.itemId}  ${item.epc}`).join("\n"),
      };
    }),
  );

export const provenanceTransformCommand = new Command("transform")
  .description("consume input items to make new ones (roasting, cutting, assembling); needs the MERCHANT role")
  .requiredOption("--inputs <items...>", "items consumed: ids (0x…) or EPC URIs")
  .requiredOption("--outputs <epcs...>", "EPC URIs of the items made")
  .requiredOption("--description <text>", "what was done, stored on IPFS")
  .option("--listing <listing>", "listing id (0x…) or SKU the outputs are of")
  .option("--quantity <n>", "units per output", "1")
  .action(
    action(async (ctx, options: NewItemOptions & { inputs: string[]; outputs: string[]; description: string }) => {
      const outputs = await newItems(ctx, options.outputs, options);
      const evidenceCid = await putNote(await ctx.ipfs(), "description", options.description);
      const receipt = await (await ctx.tx()).send({
        contract: "Provenance",
        functionName: "transform",
        args: [options.inputs.map(itemIdOf), outputs, evidenceCid],
      });
      return {
        data: { outputs, evidenceCid, tx: receipt.transactionHash },
        text: `transformed into ${outputs.map((o) => o.itemId).join(", ")}`,
      };
    }),
  );
