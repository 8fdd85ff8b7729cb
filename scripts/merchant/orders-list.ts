import { Command } from "commander";
import { ORDER_STATUS_NAMES } from "../../sdk/statuses.ts";
import { ValidationError } from "../../sdk/errors.ts";
import { action } from "./lib/command.ts";
import { orderLine } from "./lib/order-format.ts";

export const ordersListCommand = new Command("list")
  .description("the merchant's orders, newest first")
  .option("--status <status>", `only orders in this status (${ORDER_STATUS_NAMES.slice(1).join(", ")})`)
  .action(
    action(async (ctx, options: { status?: string }) => {
      const status =
        options.status && ORDER_STATUS_NAMES.find((s) => s.toLowerCase() === options.status!.toLowerCase());
      if (options.status && !status)
        throw new ValidationError("--status", `must be one of ${ORDER_STATUS_NAMES.slice(1).join(", ")}`);
      const { merchant } = await ctx.identity();
      const orders = (await (await ctx.browse()).ordersOf(merchant))
        .filter((o) => !status || o.status === status)
        .reverse();
      const { client } = await ctx.chain();
      const lines = await Promise.all(orders.map((order) => orderLine(client, order)));
      return { data: orders, text: lines.length ? lines.join("\n") : "no orders" };
    }),
  );
