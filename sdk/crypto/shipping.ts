import { parseDocument } from "../metadata/parse.ts";
import { shippingDetails, type EncryptedShippingDetails, type ShippingDetails } from "../metadata/shipping.ts";
import { open, seal, SEALED_BOX_ALGORITHM } from "./sealed-box.ts";

const SCHEMA = "commerce-ledger/encrypted-shipping@1";

/** The buyer's side: validates the address, then seals it for the merchant profile's encryption key. */
export function encryptShippingDetails(merchantPublicKey: Uint8Array, details: ShippingDetails): EncryptedShippingDetails {
  const valid = parseDocument(shippingDetails, details, "shipping details");
  const box = seal(merchantPublicKey, new TextEncoder().encode(JSON.stringify(valid)), SCHEMA);
  return {
    schema: SCHEMA,
    algorithm: SEALED_BOX_ALGORITHM,
    ephemeralPublicKey: Buffer.from(box.ephemeralPublicKey).toString("base64url"),
    nonce: Buffer.from(box.nonce).toString("base64url"),
    ciphertext: Buffer.from(box.ciphertext).toString("base64url"),
  };
}

/** The merchant's side: opens the document (DecryptionError if not for this key or altered). */
export function decryptShippingDetails(merchantSecretKey: Uint8Array, document: EncryptedShippingDetails): ShippingDetails {
  const plaintext = open(
    merchantSecretKey,
    {
      ephemeralPublicKey: Buffer.from(document.ephemeralPublicKey, "base64url"),
      nonce: Buffer.from(document.nonce, "base64url"),
      ciphertext: Buffer.from(document.ciphertext, "base64url"),
    },
    SCHEMA,
  );
  return parseDocument(shippingDetails, plaintext, "shipping details");
}
