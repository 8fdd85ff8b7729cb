import sharp from "sharp";
import { ValidationError } from "../errors.ts";
import type { IpfsClient } from "../ipfs/client.ts";
import { imageMediaType, type ImageRef } from "./common.ts";
import { sniffMediaType } from "./media-type.ts";

export interface ImageLimits {
  /** Largest accepted file. */
  maxBytes: number;
  /** Longest side of the thumbnail. */
  thumbnailSize: number;
}

export const defaultImageLimits: ImageLimits = { maxBytes: 10 * 1024 * 1024, thumbnailSize: 320 };

/**
 * Checks that `bytes` really are a JPEG, PNG or WebP within the size limit, stores the image and a
 * WebP thumbnail (its own CID) through `client`, and returns the metadata entry for them.
 */
export async function storeImage(
  client: IpfsClient,
  bytes: Uint8Array,
  alt: string,
  options: { field?: string; limits?: ImageLimits } = {},
): Promise<ImageRef> {
  const field = options.field ?? "image";
  const limits = options.limits ?? defaultImageLimits;
  if (bytes.byteLength > limits.maxBytes) {
    throw new ValidationError(field, `is ${bytes.byteLength} bytes, over the limit of ${limits.maxBytes}`);
  }
  const detected = sniffMediaType(bytes.subarray(0, 512));
  const mediaType = imageMediaType.safeParse(detected);
  if (!mediaType.success)
    throw new ValidationError(field, `must be a JPEG, PNG or WebP image; the bytes are ${detected}`);
  const { width, height, thumbnail } = await makeThumbnail(bytes, limits.thumbnailSize, field);
  const [cid, thumbnailCid] = await Promise.all([client.add(bytes), client.add(thumbnail.data)]);
  return {
    cid: cid.toString(),
    mediaType: mediaType.data,
    width,
    height,
    bytes: bytes.byteLength,
    alt,
    thumbnail: { cid: thumbnailCid.toString(), width: thumbnail.info.width, height: thumbnail.info.height },
  };
}

async function makeThumbnail(bytes: Uint8Array, size: number, field: string) {
  try {
    const image = sharp(bytes, { failOn: "error" });
    const { width, height } = await image.metadata();
    const thumbnail = await image
      .rotate()
      .resize(size, size, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { width, height, thumbnail };
  } catch (cause) {
    throw new ValidationError(field, "is not a decodable image", { cause });
  }
}
