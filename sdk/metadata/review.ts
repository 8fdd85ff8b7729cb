import { z } from "zod/v4";
import { imageRef } from "./common.ts";

/** Review, version 1: the text and photos behind an on-chain review of a completed order. */
export const review = z.object({
  schema: z.literal("commerce-ledger/review@1"),
  orderId: z.string().regex(/^\d+$/, "must be the order id in decimal"),
  rating: z.number().int().min(1).max(5),
  title: z.string().trim().max(140).optional(),
  body: z.string().max(5_000),
  images: z.array(imageRef).max(6).default([]),
});
export type Review = z.infer<typeof review>;
