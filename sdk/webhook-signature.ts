import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/** Headers of a webhook delivery: HMAC-SHA256 signature, its unix-seconds timestamp, and the delivery's id. */
export const WEBHOOK_HEADERS = {
  signature: "x-ledger-signature",
  timestamp: "x-ledger-timestamp",
  delivery: "x-ledger-delivery",
} as const;

/** `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<body>`): binding the time lets receivers refuse replays. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(`${timestamp}.${body}`)))}`;
}

/**
 * What a receiver checks: the signature over this exact body and timestamp, and a timestamp within
 * `toleranceSeconds` of its clock (an old delivery replayed is refused; a retry is signed afresh).
 */
export function verifyWebhook(
  secret: string,
  delivery: { signature: string; timestamp: string; body: string },
  options: { nowSeconds?: number; toleranceSeconds?: number } = {},
): boolean {
  const timestamp = Number(delivery.timestamp);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = webhookSignature(secret, timestamp, delivery.body);
  if (expected.length !== delivery.signature.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ delivery.signature.charCodeAt(i);
  return difference === 0;
}
