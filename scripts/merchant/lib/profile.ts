import { dirname, resolve } from "node:path";
import { z } from "zod/v4";
import { SEALED_BOX_ALGORITHM } from "../../../sdk/crypto/sealed-box.ts";
import { storeImage } from "../../../sdk/metadata/image.ts";
import { merchantProfile, type MerchantProfile } from "../../../sdk/metadata/merchant-profile.ts";
import { parseDocument } from "../../../sdk/metadata/parse.ts";
import type { Context } from "./context.ts";
import { userPath } from "./user-path.ts";
import { putJson, readDataFile, readImage } from "./documents.ts";
import { requireEncryptionKey } from "./identity.ts";
import { toBase64Url } from "../../../sdk/base64url.ts";

/** The profile file a merchant writes: the public document minus what the CLI fills in. */
const profileFile = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  website: z.string().optional(),
  contactEmail: z.string().optional(),
  logo: z.strictObject({ file: z.string().min(1), alt: z.string() }).optional(),
});

/**
 * Validates a profile file completely, then stores its logo and the profile document (declaring the
 * keystore's encryption key) on IPFS. Returns the document and its CID.
 */
export async function publishProfile(ctx: Context, path: string): Promise<{ cid: string; profile: MerchantProfile }> {
  const input = parseDocument(profileFile, readDataFile(path), `profile file ${path}`);
  const { publicKey } = requireEncryptionKey(await ctx.identity());
  const { logo, ...fields } = input;
  const document = {
    schema: "commerce-ledger/merchant-profile@1" as const,
    ...fields,
    encryptionKey: { algorithm: SEALED_BOX_ALGORITHM, publicKey: toBase64Url(publicKey) },
  };
  parseDocument(merchantProfile, document, `profile file ${path}`);
  const withLogo = logo
    ? {
        ...document,
        logo: await storeImage(
          await ctx.ipfs(),
          readImage(resolve(dirname(userPath(path)), logo.file), "logo.file"),
          logo.alt,
          { field: "logo.file" },
        ),
      }
    : document;
  const profile = parseDocument(merchantProfile, withLogo, `profile file ${path}`);
  const cid = await putJson(await ctx.ipfs(), profile);
  ctx.logger.info({ cid }, "profile stored on IPFS");
  return { cid, profile };
}
