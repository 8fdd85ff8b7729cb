import { z } from "zod/v4";
import { countryCode, imageRef } from "./common.ts";

/** Listing metadata, version 1: the JSON a signed listing's metadata CID points to. */
export const listingMetadata = z.object({
  schema: z.literal("commerce-ledger/listing@1"),
  title: z.string().trim().min(1).max(140),
  description: z.string().max(10_000),
  /** From the root down, e.g. ["Home", "Kitchen", "Mugs"]. */
  categoryPath: z.array(z.string().trim().min(1).max(60)).min(1).max(8),
  attributes: z.array(z.object({ name: z.string().trim().min(1).max(60), value: z.string().max(200) })).max(50),
  images: z.array(imageRef).min(1).max(12),
  shippingRegions: z.array(countryCode).min(1),
  returnPolicy: z.object({
    accepted: z.boolean(),
    windowDays: z.number().int().min(0).max(365),
    buyerPaysReturnShipping: z.boolean(),
    notes: z.string().max(2_000).optional(),
  }),
});
export type ListingMetadata = z.infer<typeof listingMetadata>;
