// Product thumbnails for bench:api's media scenarios: WebP like the media pipeline's (sdk/metadata/image.ts),
// each a different gradient with its own grain, so every file has distinct bytes of about 20 KiB.
import sharp from "sharp";
import { randomSource } from "./catalog.ts";

const WIDTH = 320;
const HEIGHT = 240;
const SAMPLES = WIDTH * HEIGHT * 3;
/** Amplitude of the grain; 46 makes 320×240 WebP at quality 80 weigh 19–21 KiB. */
const GRAIN = 46;
const ENCODING_AT_ONCE = 8;

/** `count` distinct WebP thumbnails, the same for every run. */
export async function thumbnails(count: number): Promise<Uint8Array[]> {
  const random = randomSource(1_000);
  // One grain table; each image starts reading it at its own offset.
  const grain = Float32Array.from({ length: 2 * SAMPLES }, () => (random() - 0.5) * GRAIN);
  const images: Uint8Array[] = [];
  const encoding: Promise<Uint8Array>[] = [];
  for (let i = 0; i < count; i++) {
    const hue = random() * 255;
    const offset = Math.floor(random() * SAMPLES);
    const pixels = Buffer.alloc(SAMPLES);
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const at = (y * WIDTH + x) * 3;
        pixels[at] = clamp(((hue + x / 2) % 255) + grain[offset + at]);
        pixels[at + 1] = clamp(60 + y * 0.6 + grain[offset + at + 1]);
        pixels[at + 2] = clamp(200 - (x + y) * 0.3 + grain[offset + at + 2]);
      }
    }
    const image = sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } });
    // Encoded on libvips' threads while the next images are drawn, a few at a time.
    encoding.push(
      image
        .webp({ quality: 80 })
        .toBuffer()
        .then((bytes) => new Uint8Array(bytes)),
    );
    if (encoding.length === ENCODING_AT_ONCE) images.push(await (encoding.shift() as Promise<Uint8Array>));
  }
  return [...images, ...(await Promise.all(encoding))];
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
