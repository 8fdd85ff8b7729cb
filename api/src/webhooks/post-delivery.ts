import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { isPublicAddress, publicOnlyLookup } from "./endpoint-address.ts";

export interface PostOutcome {
  statusCode: number | null;
  /** Why the attempt failed (a non-2xx answer, a refused address, a timeout, a network fault); null when it did not. */
  error: string | null;
}

/**
 * POSTs `body` to `url` once, within `timeoutMs` for the whole exchange; no redirects followed. Unless
 * `allowPrivate`, only public addresses are connected to (a literal IP is checked here, a name at its lookup).
 */
export function postDelivery(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostOutcome> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (!options.allowPrivate && isIP(host) && !isPublicAddress(host))
    return Promise.resolve({ statusCode: null, error: `${host} is not a public address` });
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const outgoing = request(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        // The answer's body is not needed; reading it to the end frees the socket.
        response.resume();
        response.on("end", () => {
          const statusCode = response.statusCode ?? 0;
          const ok = statusCode >= 200 && statusCode < 300;
          resolve({ statusCode, error: ok ? null : `answered HTTP ${statusCode}` });
        });
        response.on("error", (error) => resolve({ statusCode: response.statusCode ?? null, error: error.message }));
      },
    );
    outgoing.on("error", (error) =>
      resolve({
        statusCode: null,
        error: error.name === "AbortError" ? `no answer within ${options.timeoutMs} ms` : error.message,
      }),
    );
    outgoing.end(body);
  });
}
