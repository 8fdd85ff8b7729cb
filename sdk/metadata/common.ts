import { CID } from "multiformats/cid";
import { z } from "zod/v4";

export const cidString = z.string().refine(
  (text) => {
    try {
      return CID.parse(text).toString() === text;
    } catch {
      return false;
    }
  },
  { message: "must be a CID in its canonical string form" },
);

/** ISO 3166-1 alpha-2 country code, upper case. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as DE");

export const imageMediaType = z.enum(["image/jpeg", "image/png", "image/webp"]);

/** An image stored on IPFS with a thumbnail stored under its own CID. */
export const imageRef = z.object({
  cid: cidString,
  mediaType: imageMediaType,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  alt: z.string().trim().min(1, "must describe the image for screen readers").max(300),
  thumbnail: z.object({
    cid: cidString,
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
});
export type ImageRef = z.infer<typeof imageRef>;

/** A file attached as evidence (shipping photo, certificate, lab report). */
export const attachment = z.object({
  cid: cidString,
  mediaType: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
});
