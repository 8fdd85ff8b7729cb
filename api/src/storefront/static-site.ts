import { existsSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { NestFastifyApplication } from "@nestjs/platform-fastify";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Paths the API answers itself; the storefront never serves them, even when they do not match a route. */
const API_PREFIXES = ["/graphql", "/ipfs", "/api/", "/health", "/ready", "/metrics"];

/**
 * Serves the built storefront (`npm run build:web`, web/dist) at `/` through @fastify/static: files by
 * path (it refuses `..` and other non-canonical paths), and index.html for any other path without an
 * extension so that client-side routes survive a reload. Resolves to false, and registers nothing, when
 * the build does not exist. Its security headers and Content-Security-Policy come from @fastify/helmet
 * (registered in server.ts with common/security-headers.ts).
 */
export async function serveStorefront(app: NestFastifyApplication, directory: string): Promise<boolean> {
  const root = resolve(directory);
  if (!existsSync(join(root, "index.html"))) return false;
  await app.register(fastifyStatic, {
    root,
    serve: false,
    cacheControl: false,
    // Vite puts content hashes in asset names, so those never change; index.html must be revalidated.
    setHeaders: (reply, file) =>
      reply.header(
        "cache-control",
        file.startsWith(`${root}${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
      ),
  });
  app
    .getHttpAdapter()
    .getInstance()
    .route({
      url: "/*",
      method: ["GET", "HEAD"],
      helmet: {},
      handler: (request: FastifyRequest, reply: FastifyReply) => {
        // @fastify/send decodes the path itself; the decoded form only decides whether it is the API's.
        const path = new URL(request.url, "http://storefront").pathname;
        const decoded = decodedPath(path);
        if (
          decoded === null ||
          API_PREFIXES.some(
            (prefix) =>
              decoded === prefix.replace(/\/$/, "") || decoded.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`),
          )
        ) {
          return reply.callNotFound();
        }
        return reply.sendFile(extname(path) ? path : "index.html");
      },
    });
  return true;
}

function decodedPath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
