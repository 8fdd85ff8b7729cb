import { Command } from "commander";
import { action } from "./lib/command.ts";
import { itemIdOf, parseCount } from "./lib/inputs.ts";
import { eventData, recordedEventId, withEventOptions, type EventOptions } from "./lib/provenance-event.ts";

export const provenanceRecordCommand = withEventOptions(
  new Command("record")
    .description("record an event about items you hold")
    .argument("<items...>", "item ids (0x…) or EPC URIs"),
).action(
  action(async (ctx, items: string[], options: EventOptions) => {
    const data = await eventData(ctx, items[0], options);
    const receipt = await (await ctx.tx()).send({
      contract: "Provenance",
      functionName: "recordEvent",
      args: [items.map(itemIdOf), data],
    });
    const eventId = recordedEventId((await ctx.chain()).contract("Provenance").abi, receipt);
    return {
      data: { eventId, ...data, tx: receipt.transactionHash },
      text: `event ${eventId} recorded (evidence ${data.evidenceCid})`,
    };
  }),
);

export const provenanceCorrectCommand = withEventOptions(
  new Command("correct")
    .description("record a correction of an event you recorded; the original stays on record")
    .argument("<eventId>", "the event to correct")
    .argument("<items...>", "item ids (0x…) or EPC URIs"),
).action(
  action(async (ctx, eventText: string, items: string[], options: EventOptions) => {
    const corrected = parseCount(eventText, "eventId");
    const data = await eventData(ctx, items[0], options);
    const receipt = await (await ctx.tx()).send({
      contract: "Provenance",
      functionName: "correctEvent",
      args: [corrected, items.map(itemIdOf), data],
    });
    const eventId = recordedEventId((await ctx.chain()).contract("Provenance").abi, receipt);
    return {
      data: { eventId, corrects: corrected, tx: receipt.transactionHash },
      text: `event ${eventId} corrects event ${corrected}`,
    };
  }),
);
