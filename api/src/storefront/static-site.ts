import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Paths the API answers itself; the storefront never serves them, even when they do not match a route. */
const API_PREFIXES = ["/graphql", "/ipfs", "/api/", "/health", "/ready", "/metrics"];

/**
 * What the storefront page may load: its own scripts and styles only, data from this origin and from
 * `publicUrl` (where media and GraphQL are addressed), nothing framed or framing it. The session token
 * lives in localStorage, so no injected or third-party script may ever run beside it. The wallet is a
 * browser extension, which the page's policy does not govern.
 */
function storefrontPolicy(publicUrl: string): string {
  const api = new URL(publicUrl).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' ${api}`,
    `connect-src 'self' ${api}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Serves the built storefront (`npm run build:web`, web/dist) at `/`: files by path, and index.html for
 * any other path without an extension so that client-side routes survive a reload. Returns false, and
 * registers nothing, when the build does not exist.
 */
export function serveStorefront(fastify: FastifyInstance, directory: string, publicUrl: string): boolean {
  const root = resolve(directory);
  const policy = storefrontPolicy(publicUrl);
  const index = join(root, "index.html");
  if (!existsSync(index)) return false;
  fastify.route({
    url: "/*",
    method: ["GET", "HEAD"],
    handler: (request: FastifyRequest, reply: FastifyReply) => {
      const path = decodeURIComponent(new URL(request.url, "http://storefront").pathname);
      if (API_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, "") || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`))) {
        return reply.status(404).send({ error: "not found" });
      }
      const file = normalize(join(root, path));
      if (!file.startsWith(root + sep)) return reply.status(404).send({ error: "not found" });
      if (existsSync(file) && statSync(file).isFile()) return sendFile(reply, file, policy);
      if (extname(path)) return reply.status(404).send({ error: "not found" });
      return sendFile(reply, index, policy);
    },
  });
  return true;
}

function sendFile(reply: FastifyReply, file: string, policy: string) {
  // Vite puts content hashes in asset names, so those never change; index.html must be revalidated.
  const immutable = file.includes(`${sep}assets${sep}`);
  if (extname(file) === ".html") reply.header("content-security-policy", policy).header("referrer-policy", "same-origin");
  return reply
    .header("content-type", CONTENT_TYPES[extname(file)] ?? "application/octet-stream")
    .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
    .header("x-content-type-options", "nosniff")
    .send(createReadStream(file));
}
