import { Command } from "commander";
import { action } from "./lib/command.ts";
import { putNote } from "./lib/documents.ts";
import { itemIdOf } from "./lib/inputs.ts";

const attest = new Command("attest")
  .description("record an auditor's statement about an item; needs the AUDITOR role")
  .argument("<item>", "item id (0x…32 bytes) or its EPC URI")
  .requiredOption("--statement <text>", "the statement, stored on IPFS")
  .action(
    action(async (ctx, item: string, options: { statement: string }) => {
      const itemId = itemIdOf(item);
      const statementCid = await putNote(await ctx.ipfs(), "statement", options.statement);
      const receipt = await (await ctx.tx()).send({
        contract: "Provenance",
        functionName: "attest",
        args: [itemId, statementCid],
      });
      return {
        data: { itemId, statementCid, tx: receipt.transactionHash },
        text: `item ${itemId} attested (${statementCid})`,
      };
    }),
  );

export const auditorCommand = new Command("auditor").addCommand(attest);
