import { Command } from "commander";
import { action } from "./lib/command.ts";
import { parseAddress } from "./lib/inputs.ts";
import { publishProfile } from "./lib/profile.ts";

export const applyCommand = new Command("apply")
  .argument("<profile>", "profile file: name, description, website, contactEmail, logo {file, alt}")
  .option("--payout <address>", "where proceeds are credited (default: the merchant account)")
  .action(
    action(async (ctx, path: string, options: { payout?: string }) => {
      const identity = await ctx.identity();
      const payout = options.payout ? parseAddress(options.payout, "--payout") : identity.merchant;
      const { cid } = await publishProfile(ctx, path);
      const tx = await ctx.tx();
      const receipt = await tx.send({ contract: "MerchantRegistry", functionName: "register", args: [cid, payout] });
      const { status } = await (await ctx.reader()).merchant(identity.merchant);
      return {
        data: { merchant: identity.merchant, profileCid: cid, payout, status, tx: receipt.transactionHash },
        text:
          `applied as ${identity.merchant}\nprofile ${cid}\n` +
          `status ${status} (a registrar approves with \`merchant admin approve ${identity.merchant}\`)`,
      };
    }),
  );
