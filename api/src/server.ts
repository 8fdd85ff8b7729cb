import "reflect-metadata";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import { NestFactory } from "@nestjs/core";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import type { Logger } from "pino";
import { AppModule } from "./app.module.ts";
import type { ApiConfig } from "./config.ts";
import type { Database } from "./database.ts";
import { ipfsNodeLimits } from "#ipfs-node/config.ts";
import { createGatewayHandler } from "#ipfs-node/handler.ts";
import type { IpfsNode } from "#ipfs-node/node.ts";
import { listenRpc } from "#ipfs-node/server.ts";
import { securityHeaders } from "./common/security-headers.ts";
import { serveStorefront } from "./storefront/static-site.ts";

export interface RunningApi {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  graphqlUrl: string;
  /** Kubo RPC base of the embedded IPFS node's private listener, when one is mounted. */
  ipfsApiUrl: string | null;
  close(): Promise<void>;
}

/**
 * Starts the API on config.host:config.port: GraphQL at /graphql, /health, /ready, /metrics, and, when `media` is
 * given, the embedded IPFS node's gateway /ipfs/ and signed-in uploads (POST /api/v0/add, media/upload-route.ts) on
 * that port, and its whole Kubo RPC on the private listener config.media.rpc. The caller owns `database` and `media`.
 */
export async function startApi(options: {
  config: ApiConfig;
  database: Database;
  media?: IpfsNode;
  logger: Logger;
}): Promise<RunningApi> {
  const { config, database, media, logger } = options;
  if (media && !config.media) throw new Error("startApi: an IPFS node was given but the config has no media settings");
  const gateway = media ? createGatewayHandler(media, { ...ipfsNodeLimits, logger }) : undefined;
  const adapter = new FastifyAdapter({
    bodyLimit: config.limits.bodyLimitBytes,
    // The gateway answers before Fastify, with its own headers (ipfs-node/src/gateway.ts).
    serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
      createServer((req, res) => {
        const path = req.url ?? "/";
        if (!gateway || !path.startsWith("/ipfs/")) return handler(req, res);
        gateway(req, res).catch((error: unknown) => {
          logger.error({ err: error, path }, "ipfs request failed");
          res.destroy();
        });
      }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, database, logger, media }),
    adapter,
    { logger: ["error", "warn"] },
  );
  // Before Nest adds its routes (at listen): helmet for the routes that ask for it (the storefront's), the
  // limiter GraphQL uses. Not global: @fastify/helmet rebuilds its middleware per request (docs/api.md).
  await app.register(fastifyHelmet, { global: false, ...securityHeaders(config.publicUrl, config.publicRpcUrl) });
  await app.register(fastifyRateLimit, { global: false });
  const storefront = await serveStorefront(app, config.storefrontDir);
  await app.listen(config.port, config.host);
  const rpc = media && config.media ? await listenRpc(media, { ...ipfsNodeLimits, ...config.media.rpc, logger }) : null;
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  logger.info(
    { graphql_url: `${url}/graphql`, media: Boolean(media), storefront: storefront ? `${url}/` : null },
    "api listening",
  );
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    ipfsApiUrl: rpc?.apiUrl ?? null,
    async close() {
      await rpc?.close();
      app.getHttpServer().closeAllConnections();
      await app.close();
    },
  };
}
