import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { z } from "zod/v4";
import { authorizationHeader } from "../../sdk/ipfs/auth.ts";

/** Shorter bearer tokens and passwords are refused: they could be guessed. */
const MIN_SECRET_CHARS = 16;

/**
 * Kubo's `API.Authorizations`: user name -> `{ AuthSecret, AllowedPaths }`. `AuthSecret` is `bearer:<token>` or
 * `basic:<user>:<password>`; `AllowedPaths` are RPC path prefixes (`/api/v0` allows every command).
 */
export const kuboAuthorizations = z
  .record(
    z.string().min(1),
    z.object({
      AuthSecret: z.string().refine((secret) => secret.replace(/^(bearer|basic):/, "").length >= MIN_SECRET_CHARS, {
        message: `the secret needs at least ${MIN_SECRET_CHARS} characters`,
      }),
      AllowedPaths: z.array(z.string().regex(/^\/api\/v0(\/|$)/, "must start with /api/v0")).min(1),
    }),
  )
  .refine((entries) => Object.keys(entries).length > 0, { message: "names no user (leave it unset instead)" });
export type KuboAuthorizations = z.output<typeof kuboAuthorizations>;

/** Whether the RPC may run a request: yes for `user` (undefined without authorizations), or an HTTP refusal. */
export type RpcVerdict = { allowed: true; user?: string } | { allowed: false; status: 401 | 403; message: string };

/**
 * The RPC listener's gate, as Kubo's: a request from a browser page (it carries `Origin`) is refused, so no web
 * page can drive the RPC, not even on a loopback address; with authorizations, the `Authorization` header must
 * carry one of their secrets (compared in constant time) and the path must be under that user's AllowedPaths.
 */
export function rpcGate(authorizations: KuboAuthorizations | undefined): (req: IncomingMessage) => RpcVerdict {
  const users = Object.entries(authorizations ?? {}).map(([user, entry]) => ({
    user,
    digest: digest(authorizationHeader(entry.AuthSecret)),
    paths: entry.AllowedPaths,
  }));
  return (req) => {
    if (req.headers.origin !== undefined)
      return { allowed: false, status: 403, message: "the RPC API refuses requests from web pages (Origin is set)" };
    if (users.length === 0) return { allowed: true };
    const presented = digest(normalized(req.headers.authorization ?? ""));
    // Every secret is compared, so the time taken does not tell which one (if any) came close.
    const matches = users.filter((user) => timingSafeEqual(user.digest, presented));
    const match = matches[0];
    if (match === undefined) return { allowed: false, status: 401, message: "missing or wrong Authorization" };
    const path = new URL(req.url ?? "/", "http://rpc").pathname;
    if (!match.paths.some((prefix) => underPrefix(path, prefix)))
      return { allowed: false, status: 403, message: `${match.user} may not call ${path}` };
    return { allowed: true, user: match.user };
  };
}

/** SHA-256 first, so that secrets of every length compare in the same time. */
function digest(header: string): Buffer {
  return createHash("sha256").update(header).digest();
}

/** The scheme is case-insensitive (RFC 9110); the credentials are not. */
function normalized(header: string): string {
  const space = header.indexOf(" ");
  if (space < 0) return header;
  const scheme = header.slice(0, space).toLowerCase();
  return `${scheme.charAt(0).toUpperCase()}${scheme.slice(1)} ${header.slice(space + 1).trim()}`;
}

/** `/api/v0/pin` covers `/api/v0/pin/rm` but not `/api/v0/pinned`. */
function underPrefix(path: string, prefix: string): boolean {
  const base = prefix.replace(/\/+$/, "");
  return path === base || path.startsWith(`${base}/`);
}
