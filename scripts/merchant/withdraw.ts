import { Command } from "commander";
import { zeroAddress } from "viem";
import { action } from "./lib/command.ts";
import { currencyOf, formatAmount } from "./lib/amounts.ts";
import { parseAddress } from "./lib/inputs.ts";

export const withdrawCommand = new Command("withdraw")
  .option("--token <address>", "ERC-20 token (default: native currency)")
  .action(
    action(async (ctx, options: { token?: string }) => {
      const token = options.token ? parseAddress(options.token, "--token") : zeroAddress;
      const identity = await ctx.identity();
      const reader = await ctx.reader();
      const currency = await currencyOf((await ctx.chain()).client, token);
      const amount = await reader.balance(identity.account.address, token);
      const receipt = await (await ctx.tx()).send({ contract: "OrderEscrow", functionName: "withdraw", args: [token] });
      return {
        data: { account: identity.account.address, token, amount, tx: receipt.transactionHash },
        text: `withdrew ${formatAmount(amount, currency)} to ${identity.account.address}`,
      };
    }),
  );
