import { Inject, Injectable, type OnModuleInit } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { ValidationError } from "#sdk/errors.ts";
import { encodeKeyset } from "../common/keyset-cursor.ts";
import { requestLimiter } from "../common/rate-limiter.ts";
import { CONFIG, LOGGER } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { ApiMetrics } from "../health/metrics.ts";
import { AuditService } from "./audit.service.ts";
import { epcisHeader } from "./epcis.ts";
import { readEpcisQuery } from "./epcis-query.ts";

export const EPCIS_EVENTS_PATH = "/epcis/events";
const VERSION_HEADERS = { "GS1-EPCIS-Version": "2.0.0", "GS1-CBV-Version": "2.0.0" };

/** An RFC 9457 problem as the EPCIS 2.0 REST bindings send them (`epcisException:…` types). */
function problem(reply: FastifyReply, status: number, type: string, title: string, detail: string) {
  return reply
    .status(status)
    .headers(VERSION_HEADERS)
    .header("content-type", "application/problem+json")
    .send({ type, title, status, detail });
}

/**
 * GET /epcis/events: the EPCIS 2.0 REST query interface over the ledger's recorded events, corrections and
 * transformations, answering an EPCISQueryDocument of the export's own event mapping (epcis.ts), `perPage` events at
 * a time; a next page's URL is in the `Link: <…>; rel="next"` header, with its `nextPageToken`. A parameter this
 * interface does not know, or a bad value, is a 400 epcisException:QueryParameterException naming it. Within the
 * API's request limit per client, like /graphql.
 */
@Injectable()
export class EpcisRoute implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const limit = requestLimiter(fastify, this.config.limits.ratePerMinute);
    fastify.get(EPCIS_EVENTS_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
      const wait = await limit(request);
      if (wait > 0) {
        this.metrics.rateLimited++;
        reply.header("retry-after", String(wait));
        return problem(reply, 429, "about:blank", "Too Many Requests", `too many requests: retry in ${wait} s`);
      }
      try {
        return await this.#answer(request, reply);
      } catch (error) {
        if (error instanceof ValidationError)
          return problem(
            reply,
            400,
            "epcisException:QueryParameterException",
            `Invalid query parameter ${error.field}`,
            error.message,
          );
        this.logger.error({ err: error, path: request.url }, "epcis query failed");
        return problem(reply, 500, "epcisException:ImplementationException", "Internal error", "the query failed");
      }
    });
  }

  async #answer(request: FastifyRequest, reply: FastifyReply) {
    const query = request.query as Record<string, string | string[] | undefined>;
    const { filter, perPage, after } = readEpcisQuery(query, this.config.limits.maxPageSize);
    const rows = await this.audit.events(filter, perPage, after);
    const page = rows.slice(0, perPage);
    if (rows.length > perPage) {
      const last = page.at(-1)!;
      const next = new URLSearchParams();
      for (const [name, value] of Object.entries(query))
        if (name !== "nextPageToken") for (const one of [value ?? []].flat()) next.append(name, one);
      next.set("nextPageToken", encodeKeyset("events", [last.blockNumber, last.id]));
      reply.header("link", `<${EPCIS_EVENTS_PATH}?${next}>; rel="next"`);
    }
    return reply
      .headers(VERSION_HEADERS)
      .header("content-type", "application/ld+json")
      .send({
        ...epcisHeader("EPCISQueryDocument", new Date()),
        epcisBody: {
          queryResults: {
            queryName: "SimpleEventQuery",
            resultsBody: { eventList: await this.audit.epcisEvents(page) },
          },
        },
      });
  }
}
