import { Inject, Injectable, type OnModuleInit } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { SessionTokens } from "../auth/session-tokens.ts";
import { plainText, withinRequestLimit } from "../common/plain-text-route.ts";
import { CONFIG, LOGGER } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { NotFoundError, UnauthenticatedError } from "../errors.ts";
import { ApiMetrics } from "../health/metrics.ts";
import { ForwardTraceService } from "./forward-trace.service.ts";
import { recallCsv } from "./recall-csv.ts";

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
    const answer = withinRequestLimit(
      fastify,
      this.config.limits.ratePerMinute,
      this.metrics,
      async (request, reply) => {
        const { itemId } = request.params as { itemId: string };
        if (!/^0x[0-9a-fA-F]{64}$/.test(itemId))
          return plainText(reply, 400, "itemId: must be 0x followed by 64 hex digits");
        try {
          const caller = await this.sessions.fromHeader(request.headers.authorization);
          const recall = await this.forward.recall(itemId.toLowerCase(), caller);
          return reply
            .header("content-type", "text/csv; charset=utf-8")
            .header("content-disposition", `attachment; filename="recall-${recall.item.id}.csv"`)
            .header("cache-control", "no-store")
            .send(recallCsv(recall));
        } catch (error) {
          if (error instanceof UnauthenticatedError) return plainText(reply, 401, error.message);
          if (error instanceof NotFoundError) return plainText(reply, 404, error.message);
          this.logger.error({ err: error, path: request.url }, "recall failed");
          return plainText(reply, 500, "the recall could not be read");
        }
      },
    );
    fastify.get("/provenance/:itemId/recall.csv", answer);
  }
}
