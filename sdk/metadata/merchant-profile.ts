import { z } from "zod/v4";
import { SEALED_BOX_ALGORITHM } from "../crypto/sealed-box.ts";
import { imageRef } from "./common.ts";

/** Merchant profile, version 1: the JSON a merchant's registry entry points to. */
export const merchantProfile = z.object({
  schema: z.literal("commerce-ledger/merchant-profile@1"),
  name: z.string().trim().min(1).max(120),
  description: z.string().max(5_000).optional(),
  website: z.url({ protocol: /^https$/ }).optional(),
  contactEmail: z.email().optional(),
  logo: imageRef.optional(),
  /** Buyers encrypt shipping details for this key; only the merchant holds the secret half. */
  encryptionKey: z.object({
    algorithm: z.literal(SEALED_BOX_ALGORITHM),
    publicKey: z.base64url().length(43, "must be a 32-byte key in unpadded base64url"),
  }),
});
export type MerchantProfile = z.infer<typeof merchantProfile>;
