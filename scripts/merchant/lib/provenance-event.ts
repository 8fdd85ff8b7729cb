import { type Command, Option } from "commander";
import { parseEventLogs, type Abi, type TransactionReceipt } from "viem";
import { ValidationError } from "../../../sdk/errors.ts";
import { parseDocument } from "../../../sdk/metadata/parse.ts";
import { provenanceEvidence } from "../../../sdk/metadata/provenance.ts";
import type { Context } from "./context.ts";
import { putJson } from "./documents.ts";

const BIZ_STEP = "urn:epcglobal:cbv:bizstep:";
const DISPOSITION = "urn:epcglobal:cbv:disp:";

export interface EventOptions {
  bizStep: string;
  disposition: string;
  location: string;
  step: string;
  description: string;
  country?: string;
  place?: string;
  time?: string;
}

/** The options that describe one EPCIS event and its evidence document (record and correct share them). */
export function withEventOptions(command: Command): Command {
  return command
    .requiredOption("--biz-step <step>", "CBV business step, e.g. shipping or urn:epcglobal:cbv:bizstep:shipping")
    .requiredOption("--disposition <disposition>", "CBV disposition, e.g. in_transit")
    .requiredOption("--location <id>", "location id, e.g. urn:epc:id:sgln:0614141.00002.0")
    .addOption(
      new Option("--step <step>", "evidence step").choices(provenanceEvidence.shape.step.options).makeOptionMandatory(),
    )
    .requiredOption("--description <text>", "what happened, stored as the evidence document on IPFS")
    .option("--country <code>", "ISO 3166-1 alpha-2 country of the event")
    .option("--place <text>", "place name")
    .option("--time <iso>", "when it happened (ISO 8601, not in the future; default now)");
}

/** Validates the options, stores the evidence document and returns the contract's EventData. */
export async function eventData(ctx: Context, item: string, options: EventOptions) {
  const time = options.time ? Date.parse(options.time) : Date.now();
  if (Number.isNaN(time)) throw new ValidationError("--time", `must be an ISO 8601 date-time, got "${options.time}"`);
  const evidence = parseDocument(
    provenanceEvidence,
    {
      schema: "commerce-ledger/provenance-evidence@1",
      itemId: item,
      step: options.step,
      description: options.description,
      occurredAt: new Date(time).toISOString(),
      ...(options.country && {
        location: { country: options.country, ...(options.place && { place: options.place }) },
      }),
    },
    "provenance evidence",
  );
  return {
    eventTime: options.time ? Math.floor(time / 1000) : 0,
    bizStep: options.bizStep.startsWith("urn:") ? options.bizStep : BIZ_STEP + options.bizStep,
    disposition: options.disposition.startsWith("urn:") ? options.disposition : DISPOSITION + options.disposition,
    location: options.location,
    evidenceCid: await putJson(await ctx.ipfs(), evidence),
  };
}

/** The id of the provenance event a receipt recorded. */
export function recordedEventId(abi: Abi, receipt: TransactionReceipt): bigint {
  const [recorded] = parseEventLogs({ abi, logs: receipt.logs, eventName: "ProvenanceEventRecorded" }) as unknown as {
    args: { eventId: bigint };
  }[];
  return recorded.args.eventId;
}
