import { Command } from "commander";
import { listingCancelAllCommand, listingCancelCommand } from "./listing-cancel.ts";
import { listingCreateCommand, listingImportCommand } from "./listing-create.ts";
import { listingListCommand } from "./listing-list.ts";
import { listingUpdateCommand } from "./listing-update.ts";

export const listingCommand = new Command("listing")
  .addCommand(listingCreateCommand)
  .addCommand(listingImportCommand)
  .addCommand(listingUpdateCommand)
  .addCommand(listingCancelCommand)
  .addCommand(listingCancelAllCommand)
  .addCommand(listingListCommand);
