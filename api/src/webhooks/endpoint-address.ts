import { lookup } from "node:dns";
import { lookup as lookupAll } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { ValidationError } from "#sdk/errors.ts";

// Loopback, private, carrier-grade NAT, link-local (cloud metadata), benchmarking, multicast and reserved ranges:
// a webhook there would let any merchant make the API call into its own network (SSRF).
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");

export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  return !NOT_PUBLIC.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

const PRIVATE_HINT = "set WEBHOOK_ALLOW_PRIVATE=true for local development";

/**
 * Checks a webhook URL at registration: http(s), no credentials, and (unless private addresses are allowed) a
 * host whose every address is public. A ValidationError names the field `url`.
 */
export async function checkEndpointUrl(text: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new ValidationError("url", "must be an absolute http(s) URL", { cause });
  }
  if (!["http:", "https:"].includes(url.protocol)) throw new ValidationError("url", "must be an http(s) URL");
  if (url.username || url.password) throw new ValidationError("url", "must not carry a user name or password");
  if (text.length > 2_000) throw new ValidationError("url", "must be at most 2000 characters");
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookupAll(host, { all: true })).map((entry) => entry.address);
  } catch (cause) {
    throw new ValidationError("url", `host ${host} does not resolve`, { cause });
  }
  if (!addresses.every(isPublicAddress))
    throw new ValidationError("url", `must reach a public address, not ${host}'s (${PRIVATE_HINT})`);
  return url;
}

/**
 * A DNS lookup for the sender's connections that refuses non-public addresses: checked on the address the socket
 * then connects to, so a name that resolved publicly at registration cannot be rebound to an internal one.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, entries) => {
    if (error) return callback(error, "", 0);
    const refused = entries.find((entry) => !isPublicAddress(entry.address));
    if (refused)
      return callback(new Error(`${hostname} resolves to ${refused.address}, not public (${PRIVATE_HINT})`), "", 0);
    if (options.all) return (callback as (e: null, all: typeof entries) => void)(null, entries);
    callback(null, entries[0].address, entries[0].family);
  });
};
