import { fromBase64Url, toBase64Url } from "../base64url.ts";
import { parseDocument } from "../metadata/parse.ts";
import { shippingDetails, type EncryptedShippingDetails, type ShippingDetails } from "../metadata/shipping.ts";
import { open, seal, SEALED_BOX_ALGORITHM } from "./sealed-box.ts";

const SCHEMA = "commerce-ledger/encrypted-shipping@1";

/** The buyer's side: validates the address, then seals it for the merchant profile's encryption key. */
export function encryptShippingDetails(
  merchantPublicKey: Uint8Array,
  details: ShippingDetails,
): EncryptedShippingDetails {
  const valid = parseDocument(shippingDetails, details, "shipping details");
  const box = seal(merchantPublicKey, new TextEncoder().encode(JSON.stringify(valid)), SCHEMA);
  return {
    schema: SCHEMA,
    country: valid.country,
    algorithm: SEALED_BOX_ALGORITHM,
    ephemeralPublicKey: toBase64Url(box.ephemeralPublicKey),
    nonce: toBase64Url(box.nonce),
    ciphertext: toBase64Url(box.ciphertext),
  };
}

/** The merchant's side: opens the document (DecryptionError if not for this key or altered). */
export function decryptShippingDetails(
  merchantSecretKey: Uint8Array,
  document: EncryptedShippingDetails,
): ShippingDetails {
  const plaintext = open(
    merchantSecretKey,
    {
      ephemeralPublicKey: fromBase64Url(document.ephemeralPublicKey),
      nonce: fromBase64Url(document.nonce),
      ciphertext: fromBase64Url(document.ciphertext),
    },
    SCHEMA,
  );
  return parseDocument(shippingDetails, plaintext, "shipping details");
}
