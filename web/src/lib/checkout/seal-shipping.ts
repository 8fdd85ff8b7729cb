import { fromBase64Url } from "../../../../sdk/base64url.ts";
import { encryptShippingDetails } from "../../../../sdk/crypto/shipping.ts";
import type { ShippingDetails } from "../../../../sdk/metadata/shipping.ts";
import { addJsonToIpfs } from "../ipfs.ts";

export type { ShippingDetails };

/**
 * Seals the address in the browser for the merchant profile's X25519 key, uploads the sealed document with the
 * buyer's session `token`, returns its CID.
 */
export async function sealShippingDetails(
  merchantEncryptionKey: string,
  details: ShippingDetails,
  token: string | undefined,
): Promise<string> {
  const sealed = encryptShippingDetails(fromBase64Url(merchantEncryptionKey), details);
  return addJsonToIpfs(sealed, "shipping.json", token);
}
