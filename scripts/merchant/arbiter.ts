import { Command } from "commander";
import { action } from "./lib/command.ts";
import { currencyOf, formatAmount, parseAmount } from "./lib/amounts.ts";
import { putNote } from "./lib/documents.ts";
import { parseOrderId } from "./lib/inputs.ts";

const rule = new Command("rule")
  .description(
    "rule a disputed order: part of what it holds to the buyer, the rest to the merchant; needs the ARBITER role",
  )
  .argument("<orderId>", "order number")
  .requiredOption("--buyer-amount <amount>", "what the buyer gets back, in the order's currency (e.g. 12.5)")
  .requiredOption("--ruling <text>", "the ruling, stored on IPFS")
  .action(
    action(async (ctx, idText: string, options: { buyerAmount: string; ruling: string }) => {
      const order = await (await ctx.reader()).order(parseOrderId(idText));
      const currency = await currencyOf((await ctx.chain()).client, order.terms.token);
      const buyerAmount = parseAmount(options.buyerAmount, currency, "--buyer-amount");
      const rulingCid = await putNote(await ctx.ipfs(), "ruling", options.ruling);
      const receipt = await (await ctx.tx()).send({
        contract: "OrderEscrow",
        functionName: "ruleDispute",
        args: [order.orderId, order.terms, buyerAmount, rulingCid],
      });
      return {
        data: { orderId: order.orderId, buyerAmount, rulingCid, tx: receipt.transactionHash },
        text: `order ${order.orderId} resolved: ${formatAmount(buyerAmount, currency)} to the buyer`,
      };
    }),
  );

export const arbiterCommand = new Command("arbiter").addCommand(rule);
