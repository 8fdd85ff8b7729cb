import { Command } from "commander";
import { action } from "./lib/command.ts";
import { itemIdOf, parseAddress, parseCount } from "./lib/inputs.ts";

export const provenanceHandoffCommand = new Command("handoff")
  .description("offer custody of an item you hold to another account (a carrier, the buyer)")
  .argument("<item>", "item id (0x…) or EPC URI")
  .argument("<to>", "address of the next custodian")
  .action(
    action(async (ctx, item: string, toText: string) => {
      const [itemId, to] = [itemIdOf(item), parseAddress(toText, "to")];
      const receipt = await (await ctx.tx()).send({
        contract: "Provenance",
        functionName: "initiateHandoff",
        args: [itemId, to],
      });
      return { data: { itemId, to, tx: receipt.transactionHash }, text: `custody of ${itemId} offered to ${to}` };
    }),
  );

export const provenanceAcceptCommand = new Command("accept")
  .description("take custody of an item offered to you")
  .argument("<item>", "item id (0x…) or EPC URI")
  .action(
    action(async (ctx, item: string) => {
      const itemId = itemIdOf(item);
      const receipt = await (await ctx.tx()).send({
        contract: "Provenance",
        functionName: "acceptHandoff",
        args: [itemId],
      });
      return { data: { itemId, tx: receipt.transactionHash }, text: `you now hold ${itemId}` };
    }),
  );

export const provenanceAggregateCommand = new Command("aggregate")
  .description("pack items into a registered container (case, pallet, shipment), optionally for an order")
  .argument("<container>", "container id (0x…) or EPC URI, e.g. an SSCC")
  .argument("<items...>", "items to pack")
  .option("--order <orderId>", "the order this shipment is for", "0")
  .action(
    action(async (ctx, container: string, items: string[], options: { order: string }) => {
      const containerId = itemIdOf(container);
      const receipt = await (await ctx.tx()).send({
        contract: "Provenance",
        functionName: "aggregate",
        args: [containerId, items.map(itemIdOf), parseCount(options.order, "--order")],
      });
      return {
        data: { containerId, items: items.map(itemIdOf), tx: receipt.transactionHash },
        text: `${items.length} item(s) packed into ${containerId}`,
      };
    }),
  );
