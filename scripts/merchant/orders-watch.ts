import { Command } from "commander";
import { ValidationError } from "../../sdk/errors.ts";
import { type ApiOrder, ORDER_FIELDS, toOrder } from "./lib/api-reader.ts";
import { action, toJson } from "./lib/command.ts";
import { GraphqlClient } from "./lib/graphql.ts";
import { orderLine } from "./lib/order-format.ts";

export const ordersWatchCommand = new Command("watch")
  .description("print the merchant's orders as they are placed or change (the API's merchantOrders), until Ctrl-C")
  .action(
    action(async (ctx) => {
      // One line per update as it comes (JSON lines with --json), then the summary.
      const json = Boolean(ordersWatchCommand.optsWithGlobals().json);
      const { account, merchant } = await ctx.identity();
      if (account.address !== merchant)
        throw new ValidationError(
          "MERCHANT_PRIVATE_KEY",
          "orders watch signs in to the API as the merchant: use the merchant's own key, not a hot signer's",
        );
      const api = new GraphqlClient(ctx.config.API_URL);
      await api.signIn(account);
      const { client } = await ctx.chain();
      const stop = new AbortController();
      const interrupted = () => stop.abort();
      process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
      let seen = 0;
      const armed = () => process.stderr.write(`watching the orders of ${merchant} (Ctrl-C to stop)\n`);
      const pushes = api.subscribe<{ merchantOrders: ApiOrder }>(
        `subscription { merchantOrders { ${ORDER_FIELDS} } }`,
        {
          signal: stop.signal,
          armed,
        },
      );
      for await (const { merchantOrders } of pushes) {
        const order = toOrder(merchantOrders);
        process.stdout.write(`${json ? toJson(order, 0) : await orderLine(client, order)}\n`);
        seen++;
      }
      process.off("SIGINT", interrupted).off("SIGTERM", interrupted);
      return { data: { watched: seen }, text: `stopped after ${seen} order update${seen === 1 ? "" : "s"}` };
    }),
  );
