import { Command } from "commander";
import { ValidationError } from "../../sdk/errors.ts";
import { ROLES, type RoleName } from "../../sdk/roles.ts";
import { action } from "./lib/command.ts";
import type { Context } from "./lib/context.ts";
import { putNote } from "./lib/documents.ts";
import { sendGoverned } from "./lib/governed.ts";
import { parseAddress } from "./lib/inputs.ts";

/** The registrar's decisions; `reason` ones store the reason on IPFS and pass its CID. */
const DECISIONS = [
  { name: "approve", functionName: "approve", help: "approve an applicant (grants the MERCHANT role)", reason: false },
  { name: "reject", functionName: "reject", help: "reject an applicant", reason: true },
  {
    name: "suspend",
    functionName: "suspend",
    help: "suspend an approved merchant (revokes the MERCHANT role)",
    reason: true,
  },
  { name: "reinstate", functionName: "reinstate", help: "lift a suspension", reason: false },
] as const;

function decision({ name, functionName, help, reason }: (typeof DECISIONS)[number]): Command {
  const command = new Command(name)
    .description(`${help}; needs the REGISTRAR role`)
    .argument("<merchant>", "merchant address");
  if (reason) command.requiredOption("--reason <text>", "why, stored on IPFS");
  return command.action(
    action(async (ctx: Context, merchantText: string, options: { reason?: string }) => {
      const merchant = parseAddress(merchantText, "merchant");
      const tx = await ctx.tx();
      const receipt = reason
        ? await tx.send({
            contract: "MerchantRegistry",
            functionName,
            args: [merchant, await putNote(await ctx.ipfs(), "reason", options.reason ?? "")],
          })
        : await tx.send({ contract: "MerchantRegistry", functionName, args: [merchant] });
      const { status } = await (await ctx.reader()).merchant(merchant);
      return { data: { merchant, status, tx: receipt.transactionHash }, text: `${merchant} is now ${status}` };
    }),
  );
}

export const adminCommand = new Command("admin");
for (const entry of DECISIONS) adminCommand.addCommand(decision(entry));

adminCommand.addCommand(
  new Command("grant-role")
    .description(
      "grant a role of the access manager to an account; needs the ADMIN role. With an admin delay (ADMIN_DELAY " +
        "at deploy) the first run schedules the grant for the consortium to see; run it again once due to execute it",
    )
    .argument(
      "<role>",
      `one of ${Object.keys(ROLES)
        .filter((r) => r !== "PUBLIC" && r !== "MERCHANT_ISSUER")
        .join(", ")}`,
    )
    .argument("<account>", "address")
    .action(
      action(async (ctx: Context, roleText: string, accountText: string) => {
        const role = roleText.toUpperCase();
        if (!(role in ROLES) || role === "PUBLIC" || role === "MERCHANT_ISSUER")
          throw new ValidationError("role", `must be a role name such as REGISTRAR, got "${roleText}"`);
        const account = parseAddress(accountText, "account");
        const outcome = await sendGoverned(ctx, {
          contract: "AccessManager",
          functionName: "grantRole",
          args: [ROLES[role as RoleName], account, 0],
        });
        const text =
          outcome.status === "executed"
            ? `${account} now holds ${role}`
            : `granting ${role} to ${account} is scheduled (operation ${outcome.operationId}); ` +
              `run this again from ${outcome.executableAt} to execute it`;
        return { data: { role, account, ...outcome }, text };
      }),
    ),
);
