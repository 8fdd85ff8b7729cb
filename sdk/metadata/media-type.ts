/** Signatures checked against the first bytes; the declared type or file name is never trusted. */
const SIGNATURES: ReadonlyArray<{ type: string; at: number; bytes: number[] }> = [
  { type: "image/jpeg", at: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: "image/png", at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/gif", at: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: "application/pdf", at: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: "application/zip", at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: "image/avif", at: 4, bytes: [0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66] },
];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

function startsWith(bytes: Uint8Array, at: number, signature: number[]): boolean {
  return bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
}

/**
 * The media type the bytes really are: known binary signatures, then JSON or UTF-8 text,
 * else application/octet-stream. A prefix of the content (512 bytes) is enough.
 */
export function sniffMediaType(bytes: Uint8Array): string {
  if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) return "image/webp";
  const known = SIGNATURES.find(({ at, bytes: signature }) => startsWith(bytes, at, signature));
  if (known !== undefined) return known.type;
  const text = decodeText(bytes);
  if (text === undefined) return "application/octet-stream";
  return /^\s*[[{]/.test(text) ? "application/json" : "text/plain; charset=utf-8";
}

function decodeText(bytes: Uint8Array): string | undefined {
  try {
    // `stream: true` accepts a prefix that ends inside a multi-byte character.
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what marks binary data
    return /[\x00-\x08\x0e-\x1f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}
