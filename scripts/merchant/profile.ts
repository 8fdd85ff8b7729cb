import { Command } from "commander";
import { merchantProfile } from "../../sdk/metadata/merchant-profile.ts";
import { parseDocument } from "../../sdk/metadata/parse.ts";
import { action } from "./lib/command.ts";
import { parseAddress } from "./lib/inputs.ts";
import { publishProfile } from "./lib/profile.ts";

const show = new Command("show")
  .description("show the merchant's registry record, approval status and profile document")
  .option("--merchant <address>", "another merchant than the keystore's")
  .action(
    action(async (ctx, options: { merchant?: string }) => {
      const merchant = options.merchant ? parseAddress(options.merchant, "--merchant") : (await ctx.identity()).merchant;
      const reader = await ctx.reader();
      const [record, cid] = await Promise.all([reader.merchant(merchant), reader.profileCid(merchant)]);
      const profile = cid ? parseDocument(merchantProfile, await ctx.ipfs().cat(cid), `profile ${cid}`) : undefined;
      return {
        data: { merchant, ...record, profileCid: cid, profile },
        text: [
          `merchant ${merchant}`,
          `status   ${record.status}`,
          `payout   ${record.payout}`,
          `signer   ${record.signer}`,
          `counter  ${record.counter}`,
          `profile  ${cid ?? "(none)"}${profile ? ` "${profile.name}"` : ""}`,
        ].join("\n"),
      };
    }),
  );

const update = new Command("update")
  .description("validate and store a new profile document and point the registry at it")
  .argument("<profile>", "profile file (JSON or YAML), as for `apply`")
  .action(
    action(async (ctx, path: string) => {
      const { cid } = await publishProfile(ctx, path);
      const receipt = await (await ctx.tx()).send({ contract: "MerchantRegistry", functionName: "updateProfile", args: [cid] });
      return { data: { profileCid: cid, tx: receipt.transactionHash }, text: `profile updated: ${cid}` };
    }),
  );

const payout = new Command("payout")
  .description("change where proceeds are credited (applies to every later settlement)")
  .argument("<address>", "payout address")
  .action(
    action(async (ctx, text: string) => {
      const address = parseAddress(text, "address");
      const receipt = await (await ctx.tx()).send({ contract: "MerchantRegistry", functionName: "setPayout", args: [address] });
      return { data: { payout: address, tx: receipt.transactionHash }, text: `payout set to ${address}` };
    }),
  );

const signer = new Command("signer")
  .description("authorise a hot signer key to sign listings and operate orders (zero address revokes)")
  .argument("<address>", "signer address")
  .action(
    action(async (ctx, text: string) => {
      const address = parseAddress(text, "address");
      const receipt = await (await ctx.tx()).send({ contract: "MerchantRegistry", functionName: "setSigner", args: [address] });
      return { data: { signer: address, tx: receipt.transactionHash }, text: `signer set to ${address}` };
    }),
  );

export const profileCommand = new Command("profile")
  .description("show or change the merchant's profile, payout address and hot signer")
  .addCommand(show)
  .addCommand(update)
  .addCommand(payout)
  .addCommand(signer);
