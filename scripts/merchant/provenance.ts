import { Command } from "commander";
import { provenanceAcceptCommand, provenanceAggregateCommand, provenanceHandoffCommand } from "./provenance-custody.ts";
import { provenanceCorrectCommand, provenanceRecordCommand } from "./provenance-events.ts";
import { provenanceRegisterCommand, provenanceTransformCommand } from "./provenance-items.ts";

export const provenanceCommand = new Command("provenance")
  .description("trace physical items: register, record events, correct, transform, pack and hand over custody")
  .addCommand(provenanceRegisterCommand)
  .addCommand(provenanceRecordCommand)
  .addCommand(provenanceCorrectCommand)
  .addCommand(provenanceTransformCommand)
  .addCommand(provenanceAggregateCommand)
  .addCommand(provenanceHandoffCommand)
  .addCommand(provenanceAcceptCommand);
