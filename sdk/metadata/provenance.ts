import { z } from "zod/v4";
import { attachment, countryCode } from "./common.ts";

/** Provenance evidence, version 1: what backs one provenance event of a physical item. */
export const provenanceEvidence = z.object({
  schema: z.literal("commerce-ledger/provenance-evidence@1"),
  itemId: z.string().min(1).max(200),
  step: z.enum(["origin", "manufactured", "inspected", "certified", "shipped", "received", "transferred"]),
  description: z.string().max(5_000),
  occurredAt: z.iso.datetime({ offset: true }),
  location: z.object({ country: countryCode, place: z.string().max(200).optional() }).optional(),
  attachments: z.array(attachment).max(20).default([]),
});
export type ProvenanceEvidence = z.infer<typeof provenanceEvidence>;
