import { Inject, Injectable, type OnModuleInit } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { ValidationError } from "#sdk/errors.ts";
import { parseDigitalLinkPath } from "#sdk/gs1/digital-link.ts";
import { plainText, withinRequestLimit } from "../common/plain-text-route.ts";
import { CONFIG, LOGGER } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { NotFoundError } from "../errors.ts";
import { ApiMetrics } from "../health/metrics.ts";
import { DigitalLinkService } from "./digital-link.service.ts";

/**
 * The GS1 Digital Link resolver: `GET /01/{gtin}/10/{lot}`, `/01/{gtin}/21/{serial}` and `/00/{sscc}` (the URI a
 * product's QR code carries) redirect (307) to the storefront's trace page of the item registered with the matching
 * EPC. A malformed path, GTIN, SSCC, lot or serial is a 400 naming it, an unknown item a 404, as plain text; the
 * query string (other GS1 attributes) is ignored. Within the API's request limit per client, like /graphql.
 */
@Injectable()
export class DigitalLinkRoute implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DigitalLinkService) private readonly links: DigitalLinkService,
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const resolve = withinRequestLimit(
      fastify,
      this.config.limits.ratePerMinute,
      this.metrics,
      async (request, reply) => {
        try {
          const item = await this.links.itemOf(parseDigitalLinkPath(request.url.split("?")[0]));
          return reply.status(307).header("location", this.links.tracePageOf(item.id)).send();
        } catch (error) {
          if (error instanceof ValidationError) return plainText(reply, 400, error.message);
          if (error instanceof NotFoundError) return plainText(reply, 404, error.message);
          this.logger.error({ err: error, path: request.url }, "digital link resolution failed");
          return plainText(reply, 500, "the item could not be looked up");
        }
      },
    );
    fastify.get("/01/*", resolve);
    fastify.get("/00/*", resolve);
  }
}
