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
      const merchant = options.merchant
        ? parseAddress(options.merchant, "--merchant")
        : (await ctx.identity()).merchant;
      const reader = await ctx.reader();
      const [record, cid] = await Promise.all([reader.merchant(merchant), reader.profileCid(merchant)]);
      const profile = cid
        ? parseDocument(merchantProfile, await (await ctx.ipfs()).cat(cid), `profile ${cid}`)
        : undefined;
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
      const receipt = await (await ctx.tx()).send({
        contract: "MerchantRegistry",
        functionName: "updateProfile",
        args: [cid],
      });
      return { data: { profileCid: cid, tx: receipt.transactionHash }, text: `profile updated: ${cid}` };
    }),
  );

/** Registry settings that take one address: `profile payout <address>`, `profile signer <address>`. */
const addressSetting = (name: string, functionName: "setPayout" | "setSigner", help: string) =>
  new Command(name)
    .description(help)
    .argument("<address>", `${name} address`)
    .action(
      action(async (ctx, text: string) => {
        const address = parseAddress(text, "address");
        const receipt = await (await ctx.tx()).send({ contract: "MerchantRegistry", functionName, args: [address] });
        return { data: { [name]: address, tx: receipt.transactionHash }, text: `${name} set to ${address}` };
      }),
    );

export const profileCommand = new Command("profile")
  .addCommand(show)
  .addCommand(update)
  .addCommand(
    addressSetting("payout", "setPayout", "change where proceeds are credited (applies to every later settlement)"),
  )
  .addCommand(
    addressSetting(
      "signer",
      "setSigner",
      "authorise a hot signer key to sign listings and operate orders (zero address revokes)",
    ),
  );
