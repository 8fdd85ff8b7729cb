import { ValidationError } from "../../../sdk/errors.ts";
import type { Context } from "./context.ts";
import { NotFoundError } from "./errors.ts";
import type { PublishedListing } from "./reader.ts";

/** A listing named by its 32-byte id, or by SKU (the merchant's current version of it). */
export async function resolveListing(ctx: Context, reference: string): Promise<PublishedListing> {
  const reader = await ctx.reader();
  if (/^0x[0-9a-fA-F]{64}$/.test(reference)) return reader.listing(reference.toLowerCase() as `0x${string}`);
  if (!/^\d+$/.test(reference))
    throw new ValidationError("listing", `must be a listing id (0x…, 32 bytes) or an SKU number, got "${reference}"`);
  const { merchant } = await ctx.identity();
  const current = await reader.currentListing(merchant, BigInt(reference));
  if (!current) throw new NotFoundError(`listing: merchant ${merchant} has never published SKU ${reference}`);
  return current;
}
