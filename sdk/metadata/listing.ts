import { z } from "zod/v4";
import { countryCode, imageRef } from "./common.ts";

/** An amount in the smallest unit of the listing's token, as a decimal string. */
const tokenAmount = z.string().regex(/^\d{1,29}$/, "must be an amount in the token's smallest unit (digits only)");

/** Listing metadata, version 1: the JSON a signed listing's metadata CID points to. */
export const listingMetadata = z
  .object({
    schema: z.literal("commerce-ledger/listing@1"),
    title: z.string().trim().min(1).max(140),
    description: z.string().max(10_000),
    /** From the root down, e.g. ["Home", "Kitchen", "Mugs"]. */
    categoryPath: z.array(z.string().trim().min(1).max(60)).min(1).max(8),
    attributes: z.array(z.object({ name: z.string().trim().min(1).max(60), value: z.string().max(200) })).max(50),
    images: z.array(imageRef).min(1).max(12),
    shippingRegions: z.array(countryCode).min(1),
    /** The charge to ship an order to each region, in the listing's token; a region without one ships free. */
    shippingCosts: z.record(countryCode, tokenAmount).optional(),
    returnPolicy: z.object({
      accepted: z.boolean(),
      windowDays: z.number().int().min(0).max(365),
      buyerPaysReturnShipping: z.boolean(),
      notes: z.string().max(2_000).optional(),
    }),
  })
  .refine(
    (listing) => Object.keys(listing.shippingCosts ?? {}).every((country) => listing.shippingRegions.includes(country)),
    { path: ["shippingCosts"], message: "must price only countries of shippingRegions" },
  );
export type ListingMetadata = z.infer<typeof listingMetadata>;

type Shipping = Pick<ListingMetadata, "shippingRegions" | "shippingCosts">;

/** What shipping one order to `country` costs under a listing document, or null when it does not ship there. */
export function shippingCostTo(listing: Shipping, country: string): bigint | null {
  if (!listing.shippingRegions.includes(country)) return null;
  return BigInt(listing.shippingCosts?.[country] ?? 0);
}

/**
 * The shipping charge of an order of these listings (one merchant, one parcel) to `country`: the highest of
 * their rates. The first listing that does not ship there, by index, when one does not.
 */
export function orderShippingCost(
  listings: readonly Shipping[],
  country: string,
): { cost: bigint } | { unserved: number } {
  let cost = 0n;
  for (const [index, listing] of listings.entries()) {
    const rate = shippingCostTo(listing, country);
    if (rate === null) return { unserved: index };
    if (rate > cost) cost = rate;
  }
  return { cost };
}
