import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";

/**
 * Requests per `perMinute` per client IP and per session token (@fastify/rate-limit's in-memory store, one
 * window per key, registered on `fastify` with `global: false`): so each replica limits on its own; put a
 * shared limiter in the load balancer for a global limit. The returned check counts the request against
 * each of its keys and resolves to the seconds to wait when any is over its limit, else 0.
 */
export function requestLimiter(
  fastify: FastifyInstance,
  perMinute: number,
): (request: FastifyRequest) => Promise<number> {
  const limit = { max: perMinute, timeWindow: 60_000 };
  const byClient = fastify.createRateLimit({ ...limit, keyGenerator: (request) => request.ip });
  const bySession = fastify.createRateLimit({
    ...limit,
    keyGenerator: (request) =>
      createHash("sha256")
        .update(request.headers.authorization ?? "")
        .digest("hex"),
  });
  return async (request) => {
    const checks = await Promise.all([
      byClient(request),
      ...(request.headers.authorization ? [bySession(request)] : []),
    ]);
    return Math.max(0, ...checks.map((check) => (!check.isAllowed && check.isExceeded ? check.ttlInSeconds : 0)));
  };
}
