import { Inject, Injectable, type OnModuleInit } from "@nestjs/common";
import { DiscoveryService, HttpAdapterHost } from "@nestjs/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { SessionTokens } from "../auth/session-tokens.ts";
import { Admission } from "../common/admission.ts";
import { IndexChanges } from "../common/index-changes.ts";
import { LoaderFactory } from "../common/loaders.ts";
import { requestLimiter } from "../common/rate-limiter.ts";
import { CONFIG, LOGGER } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { ApiMetrics } from "../health/metrics.ts";
import { GraphqlSchemaPart, type SchemaPart } from "./schema-part.ts";
import { createGraphqlServer } from "./yoga.ts";

/**
 * Mounts the yoga server on the Fastify instance at /graphql, behind the rate limiter, over the schema
 * parts of every module (collected once all providers exist, before the server listens).
 */
@Injectable()
export class GraphqlRoute implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(IndexChanges) private readonly changes: IndexChanges,
    @Inject(SessionTokens) private readonly sessions: SessionTokens,
    @Inject(LoaderFactory) private readonly loaders: LoaderFactory,
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
  ) {}

  onModuleInit(): void {
    const parts = this.discovery
      .getProviders({ metadataKey: GraphqlSchemaPart.KEY })
      .map((wrapper) => wrapper.instance as SchemaPart);
    const { changes, sessions, loaders, metrics } = this;
    const yoga = createGraphqlServer(this.config, parts, { changes, sessions, loaders }, this.logger);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const limit = requestLimiter(fastify, this.config.limits.ratePerMinute);
    const admission = new Admission(this.config.limits.concurrentQueries);
    metrics.graphqlWaiting = () => admission.waiting;
    // A client that timed out while its request waited is gone: executing it would only lengthen the queue.
    const abandoned = (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.raw.socket?.destroyed) return false;
      metrics.graphqlAbandoned++;
      reply.hijack();
      return true;
    };
    fastify.route({
      url: yoga.graphqlEndpoint,
      method: ["GET", "POST", "OPTIONS"],
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const started = performance.now();
        metrics.graphqlRequests++;
        const waitSeconds = req.method === "OPTIONS" ? 0 : await limit(req);
        if (waitSeconds > 0) {
          metrics.rateLimited++;
          const message = `too many requests: retry in ${waitSeconds} s`;
          return reply
            .status(429)
            .header("retry-after", String(waitSeconds))
            .send({ errors: [{ message, extensions: { code: "RATE_LIMITED" } }] });
        }
        // A preflight runs no query: it does not wait for a turn.
        const admitted = req.method !== "OPTIONS";
        if (admitted) await admission.enter();
        let response: Response;
        try {
          if (abandoned(req, reply)) return reply;
          response = await yoga.handleNodeRequestAndResponse(req, reply);
        } finally {
          if (admitted) admission.leave();
        }
        if (abandoned(req, reply)) {
          await response.body?.cancel().catch(() => {}); // nobody is left to tell
          return reply;
        }
        response.headers.forEach((value, key) => void reply.header(key, value));
        reply.status(response.status);
        metrics.graphqlSeconds += (performance.now() - started) / 1000;
        if (isStream(response)) return reply.send(response.body);
        const text = await response.text();
        // An answer without a body (304 Not Modified) goes without one: a null payload would be sent as JSON's null.
        return reply.send(text === "" ? undefined : text);
      },
    });
  }
}

/**
 * Whether a response streams (subscriptions over server-sent events, incremental delivery): it is piped. Any other
 * goes out as one string, without the readable stream that reading its `body` builds around it.
 */
function isStream(response: Response): boolean {
  const type = response.headers.get("content-type") ?? "";
  return type.startsWith("text/event-stream") || type.startsWith("multipart/");
}
