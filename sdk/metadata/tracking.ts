import { z } from "zod/v4";

/** A web address the storefront may link to: http or https only (no javascript:, data: or file: links). */
export const webUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2_000);

/** Tracking, version 1: what an order's tracking CID points to, written by the merchant when it ships. */
export const trackingDocument = z.object({
  schema: z.literal("commerce-ledger/tracking@1"),
  carrier: z.string().trim().min(1).max(100),
  trackingNumber: z.string().trim().min(1).max(100),
  /** The carrier's tracking page for this parcel, when the merchant knows it better than the carrier table. */
  url: webUrl.optional(),
});
export type TrackingDocument = z.infer<typeof trackingDocument>;
