import "reflect-metadata";
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { NestFactory } from "@nestjs/core";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { AppModule } from "./app.module.ts";
import { migrateApiTables } from "./auth/migration.ts";
import { SessionTokens } from "./auth/session-tokens.ts";
import { SiweService } from "./auth/siwe.service.ts";
import { IndexVersion } from "./common/index-version.ts";
import { RateLimiter } from "./common/rate-limiter.ts";
import type { Services } from "./common/services.ts";
import type { ApiConfig } from "./config.ts";
import type { Database } from "./database.ts";
import { DocumentsService } from "./documents/documents.service.ts";
import { createGraphqlServer } from "./graphql.ts";
import { ApiMetrics } from "./health/metrics.ts";
import { ListingsService } from "./listings/listings.service.ts";
import { ipfsNodeLimits } from "../../ipfs-node/src/config.ts";
import { createIpfsHandler } from "../../ipfs-node/src/handler.ts";
import type { IpfsNode } from "../../ipfs-node/src/node.ts";
import { MerchantsService } from "./merchants/merchants.service.ts";
import { OrdersService } from "./orders/orders.service.ts";
import { PrepareOrderService } from "./orders/prepare-order.service.ts";
import { ProvenanceService } from "./provenance/provenance.service.ts";
import { RolesService } from "./roles/roles.service.ts";
import { ChangeFeed } from "./subscriptions/change-feed.ts";
import { serveStorefront } from "./storefront/static-site.ts";
import { StorefrontService } from "./storefront/storefront.service.ts";
import { SyncStatusService } from "./sync/sync-status.service.ts";

export interface RunningApi {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  graphqlUrl: string;
  /** Kubo RPC base of the embedded IPFS node, when one is mounted. */
  ipfsApiUrl: string | null;
  close(): Promise<void>;
}

const MEDIA_VERSION = "0.1.0-embedded-helia";

/**
 * Starts the API on config.host:config.port: GraphQL at /graphql, /health, /ready, /metrics, and the
 * embedded IPFS node's /api/v0/ and /ipfs/ when `media` is given. The caller owns `database` and `media`.
 */
export async function startApi(options: { config: ApiConfig; database: Database; media?: IpfsNode; logger: Logger }): Promise<RunningApi> {
  const { config, database, media, logger } = options;
  await migrateApiTables(database.db);
  const handleMedia = media ? createIpfsHandler(media, { ...ipfsNodeLimits, logger, version: MEDIA_VERSION }) : undefined;
  const adapter = new FastifyAdapter({
    bodyLimit: config.limits.bodyLimitBytes,
    // The media routes get the raw, unread request (an `add` streams its multipart body); Fastify the rest.
    serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
      createServer((req, res) => {
        const path = req.url ?? "/";
        if (!handleMedia || !(path.startsWith("/api/v0/") || path.startsWith("/ipfs/"))) return handler(req, res);
        handleMedia(req, res).catch((error: unknown) => {
          logger.error({ err: error, path }, "ipfs request failed");
          res.destroy();
        });
      }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register({ config, database, logger }), adapter, { logger: ["error", "warn"] });
  const services: Services = {
    listings: app.get(ListingsService),
    merchants: app.get(MerchantsService),
    documents: app.get(DocumentsService),
    orders: app.get(OrdersService),
    prepareOrder: app.get(PrepareOrderService),
    provenance: app.get(ProvenanceService),
    roles: app.get(RolesService),
    sync: app.get(SyncStatusService),
    siwe: app.get(SiweService),
    sessions: app.get(SessionTokens),
    changes: app.get(ChangeFeed),
    storefront: app.get(StorefrontService),
    indexVersion: app.get(IndexVersion),
  };
  const metrics = app.get(ApiMetrics);
  const yoga = createGraphqlServer(config, services, logger);
  const limiter = new RateLimiter(config.limits.ratePerMinute);
  app.getHttpAdapter().getInstance().route({
    url: yoga.graphqlEndpoint,
    method: ["GET", "POST", "OPTIONS"],
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const started = performance.now();
      metrics.graphqlRequests++;
      const authorization = req.headers.authorization;
      const keys = [`ip:${req.ip}`, ...(authorization ? [`session:${createHash("sha256").update(authorization).digest("hex")}`] : [])];
      const waitSeconds = req.method === "OPTIONS" ? 0 : limiter.take(keys);
      if (waitSeconds > 0) {
        metrics.rateLimited++;
        const message = `too many requests: retry in ${waitSeconds} s`;
        return reply.status(429).header("retry-after", String(waitSeconds)).send({ errors: [{ message, extensions: { code: "RATE_LIMITED" } }] });
      }
      const response = await yoga.handleNodeRequestAndResponse(req, reply);
      response.headers.forEach((value, key) => void reply.header(key, value));
      reply.status(response.status);
      metrics.graphqlSeconds += (performance.now() - started) / 1000;
      return reply.send(response.body);
    },
  });
  const storefront = serveStorefront(app.getHttpAdapter().getInstance(), config.storefrontDir, config.publicUrl);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ graphql_url: `${url}/graphql`, media: Boolean(media), storefront: storefront ? `${url}/` : null }, "api listening");
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    ipfsApiUrl: media ? `${url}/api/v0` : null,
    async close() {
      app.getHttpServer().closeAllConnections();
      await app.close();
    },
  };
}
