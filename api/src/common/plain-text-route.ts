import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiMetrics } from "../health/metrics.ts";
import { requestLimiter } from "./rate-limiter.ts";

/** A plain-text answer of the API's own HTTP routes: the status and a message a person can read. */
export const plainText = (reply: FastifyReply, status: number, message: string) =>
  reply.status(status).header("content-type", "text/plain; charset=utf-8").send(message);

/**
 * `handler` within the API's request limit per client (rate-limiter.ts): over it, a plain-text 429 with
 * Retry-After, counted in the metrics.
 */
export function withinRequestLimit(
  fastify: FastifyInstance,
  perMinute: number,
  metrics: ApiMetrics,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>,
) {
  const limit = requestLimiter(fastify, perMinute);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = await limit(request);
    if (wait === 0) return handler(request, reply);
    metrics.rateLimited++;
    reply.header("retry-after", String(wait));
    return plainText(reply, 429, `too many requests: retry in ${wait} s`);
  };
}
