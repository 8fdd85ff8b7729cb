import { Command } from "commander";
import { ValidationError } from "../../sdk/errors.ts";
import { type TrackingDocument, trackingDocument } from "../../sdk/metadata/tracking.ts";
import { currencyOf, formatAmount, parseAmount } from "./lib/amounts.ts";
import { action } from "./lib/command.ts";
import type { Context } from "./lib/context.ts";
import { putJson, putNote } from "./lib/documents.ts";
import { parseOrderId } from "./lib/inputs.ts";
import type { Order } from "./lib/reader.ts";
import type { Call } from "./lib/transact.ts";

/** Loads the order (its terms come from OrderPlaced), runs one lifecycle call, reports the new status. */
async function act(ctx: Context, idText: string, call: (order: Order) => Promise<{ call: Call; note?: string }>) {
  const reader = await ctx.reader();
  const order = await reader.order(parseOrderId(idText));
  const { call: lifecycleCall, note } = await call(order);
  const receipt = await (await ctx.tx()).send(lifecycleCall);
  const { status } = await reader.order(order.orderId);
  return {
    data: { orderId: order.orderId, status, tx: receipt.transactionHash },
    text: `order ${order.orderId} is now ${status}${note ? `: ${note}` : ""}`,
  };
}

export const ordersAcceptCommand = new Command("accept")
  .description("accept a placed order")
  .argument("<orderId>", "order number")
  .action(
    action(async (ctx, id: string) =>
      act(ctx, id, async (order) => ({
        call: { contract: "OrderEscrow", functionName: "acceptOrder", args: [order.orderId, order.terms] },
      })),
    ),
  );

export const ordersRejectCommand = new Command("reject")
  .description("reject a placed or accepted order: the buyer gets everything back and stock returns")
  .argument("<orderId>", "order number")
  .requiredOption("--reason <text>", "why, stored on IPFS")
  .action(
    action(async (ctx, id: string, options: { reason: string }) =>
      act(ctx, id, async (order) => ({
        call: {
          contract: "OrderEscrow",
          functionName: "rejectOrder",
          args: [order.orderId, order.terms, await putNote(await ctx.ipfs(), "reason", options.reason)],
        },
      })),
    ),
  );

export const ordersShipCommand = new Command("ship")
  .description("mark an order shipped before its ship-by deadline; the buyer's confirmation window starts")
  .argument("<orderId>", "order number")
  .requiredOption("--carrier <name>", "carrier")
  .requiredOption("--tracking <number>", "tracking number")
  .option("--url <url>", "the parcel's tracking page, when the storefront's carrier table does not know the carrier")
  .action(
    action(async (ctx, id: string, options: ShipOptions) => {
      const tracking = trackingOf(options);
      return act(ctx, id, async (order) => ({
        call: {
          contract: "OrderEscrow",
          functionName: "shipOrder",
          args: [order.orderId, order.terms, await putJson(await ctx.ipfs(), tracking)],
        },
      }));
    }),
  );

interface ShipOptions {
  carrier: string;
  tracking: string;
  url?: string;
}
const SHIP_OPTION_OF: Readonly<Record<string, string>> = {
  carrier: "--carrier",
  trackingNumber: "--tracking",
  url: "--url",
};

/** The tracking document the order's trackingCid will point to, checked before anything is uploaded or sent. */
function trackingOf(options: ShipOptions): TrackingDocument {
  const result = trackingDocument.safeParse({
    schema: "commerce-ledger/tracking@1",
    carrier: options.carrier,
    trackingNumber: options.tracking,
    url: options.url,
  });
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw new ValidationError(SHIP_OPTION_OF[String(issue.path[0])] ?? "options", issue.message);
}

export const ordersRefundCommand = new Command("refund")
  .description("give back part of what an open order holds (it carries on) or all of it (it ends as Refunded)")
  .argument("<orderId>", "order number")
  .option("--amount <amount>", "how much, decimal in the order's currency")
  .option("--all", "refund everything the order still holds")
  .requiredOption("--reason <text>", "why, stored on IPFS")
  .action(
    action(async (ctx, id: string, options: { amount?: string; all?: boolean; reason: string }) => {
      if (!options.amount === !options.all)
        throw new ValidationError("--amount", "give either --amount <amount> or --all");
      return act(ctx, id, async (order) => {
        const currency = await currencyOf((await ctx.chain()).client, order.terms.token);
        const amount = options.all ? await holding(ctx, order) : parseAmount(options.amount!, currency, "--amount");
        return {
          call: {
            contract: "OrderEscrow",
            functionName: "refundOrder",
            args: [order.orderId, order.terms, amount, await putNote(await ctx.ipfs(), "reason", options.reason)],
          },
          note: `${formatAmount(amount, currency)} refunded`,
        };
      });
    }),
  );

/** What an order still holds: its total less every partial refund so far. */
async function holding(ctx: Context, order: Order): Promise<bigint> {
  const chain = await ctx.chain();
  const refunds = (await chain.client.getContractEvents({
    ...chain.contract("OrderEscrow"),
    eventName: "OrderRefunded",
    args: { orderId: order.orderId },
    fromBlock: chain.deployment.deployBlock,
  })) as { args: { remaining?: bigint } }[];
  return refunds.at(-1)?.args.remaining ?? order.terms.total;
}
