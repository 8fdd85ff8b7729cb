import type { FastifyHelmetOptions } from "@fastify/helmet";

/**
 * Options of @fastify/helmet for the storefront's files: helmet's headers (nosniff, COOP/CORP same-origin,
 * …), same-origin referrers, no framing, HSTS when `publicUrl` is https, and the page's Content-Security-Policy:
 * its own scripts and styles only, data from this origin and from `publicUrl` (where media and GraphQL are
 * addressed), and from `publicRpcUrl`, the node the storefront publishes (the auditor area verifies exports
 * against it); nothing framed or framing it. The session token lives in localStorage, so no injected or
 * third-party script may ever run beside it. The wallet is a browser extension, which the page's policy
 * does not govern.
 */
export function securityHeaders(publicUrl: string, publicRpcUrl?: string): FastifyHelmetOptions {
  const api = new URL(publicUrl);
  const node = publicRpcUrl ? [new URL(publicRpcUrl).origin] : [];
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", api.origin],
        "connect-src": ["'self'", api.origin, ...node],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
    strictTransportSecurity: api.protocol === "https:",
  };
}
