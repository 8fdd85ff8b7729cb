import { ValidationError } from "../../sdk/errors.ts";
import { ContentTooLargeError, IpfsNotFoundError } from "../../sdk/ipfs/errors.ts";

/** The HTTP status an error becomes; anything unexpected is a 500 and gets logged. */
export function statusFor(error: unknown): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof IpfsNotFoundError) return 404;
  if (error instanceof ContentTooLargeError) return 413;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return 504;
  return 500;
}
