import { z } from "zod/v4";
import { SEALED_BOX_ALGORITHM } from "../crypto/sealed-box.ts";
import { countryCode } from "./common.ts";

/** What the buyer encrypts for the merchant; never stored in the clear. */
export const shippingDetails = z.object({
  recipient: z.string().trim().min(1).max(200),
  addressLines: z.array(z.string().trim().min(1).max(200)).min(1).max(4),
  city: z.string().trim().min(1).max(100),
  region: z.string().max(100).optional(),
  postalCode: z.string().max(20),
  country: countryCode,
  phone: z.string().max(40).optional(),
});
export type ShippingDetails = z.infer<typeof shippingDetails>;

/** Encrypted shipping details, version 1: the document an order's shipping CID points to. */
export const encryptedShippingDetails = z.object({
  schema: z.literal("commerce-ledger/encrypted-shipping@1"),
  /** The destination country in the clear, which prices the shipping; the address itself stays sealed. */
  country: countryCode.optional(),
  algorithm: z.literal(SEALED_BOX_ALGORITHM),
  ephemeralPublicKey: z.base64url().length(43),
  nonce: z.base64url().length(32),
  ciphertext: z.base64url().min(22),
});
export type EncryptedShippingDetails = z.infer<typeof encryptedShippingDetails>;
