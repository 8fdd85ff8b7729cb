import { Inject, Injectable, type OnModuleInit } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { SessionTokens } from "../auth/session-tokens.ts";
import { requestLimiter } from "../common/rate-limiter.ts";
import { CONFIG, LOGGER } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { NotFoundError, UnauthenticatedError } from "../errors.ts";
import { ApiMetrics } from "../health/metrics.ts";
import { ForwardTraceService } from "./forward-trace.service.ts";
import { recallCsv } from "./recall-csv.ts";

const BEARER = /^Bearer\s+(\S+)$/i;

const plain = (reply: FastifyReply, status: number, message: string) =>
  reply.status(status).header("content-type", "text/plain; charset=utf-8").send(message);

/**
 * `GET /provenance/{itemId}/recall.csv`: the recall (GraphQL `recall`) as a CSV download (recall-csv.ts). Signed in
 * like GraphQL: `Authorization: Bearer <session token>` shows buyers to auditors and to the selling merchant; without
 * it the buyers are left out; a bad token is a 401, a malformed id a 400, an unknown item a 404 (plain text). Within
 * the API's request limit per client.
 */
@Injectable()
export class RecallRoute implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SessionTokens) private readonly sessions: SessionTokens,
    @Inject(ForwardTraceService) private readonly forward: ForwardTraceService,
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const limit = requestLimiter(fastify, this.config.limits.ratePerMinute);
    fastify.get("/provenance/:itemId/recall.csv", async (request: FastifyRequest, reply: FastifyReply) => {
      const wait = await limit(request);
      if (wait > 0) {
        this.metrics.rateLimited++;
        reply.header("retry-after", String(wait));
        return plain(reply, 429, `too many requests: retry in ${wait} s`);
      }
      const { itemId } = request.params as { itemId: string };
      if (!/^0x[0-9a-fA-F]{64}$/.test(itemId)) return plain(reply, 400, "itemId: must be 0x followed by 64 hex digits");
      try {
        const header = request.headers.authorization;
        const caller = header ? await this.sessions.verify(BEARER.exec(header)?.[1] ?? "") : null;
        const recall = await this.forward.recall(itemId.toLowerCase(), caller);
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="recall-${recall.item.id}.csv"`)
          .header("cache-control", "no-store")
          .send(recallCsv(recall));
      } catch (error) {
        if (error instanceof UnauthenticatedError) return plain(reply, 401, error.message);
        if (error instanceof NotFoundError) return plain(reply, 404, error.message);
        this.logger.error({ err: error, path: request.url }, "recall failed");
        return plain(reply, 500, "the recall could not be read");
      }
    });
  }
}
