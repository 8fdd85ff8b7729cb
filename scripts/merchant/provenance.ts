import { Command } from "commander";
import { provenanceAcceptCommand, provenanceAggregateCommand, provenanceHandoffCommand } from "./provenance-custody.ts";
import { provenanceCorrectCommand, provenanceRecordCommand } from "./provenance-events.ts";
import { provenanceRegisterCommand, provenanceTransformCommand } from "./provenance-items.ts";

export const provenanceCommand = new Command("provenance")
  .addCommand(provenanceRegisterCommand)
  .addCommand(provenanceRecordCommand)
  .addCommand(provenanceCorrectCommand)
  .addCommand(provenanceTransformCommand)
  .addCommand(provenanceAggregateCommand)
  .addCommand(provenanceHandoffCommand)
  .addCommand(provenanceAcceptCommand);
