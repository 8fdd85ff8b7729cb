import { Inject, Injectable, type OnModuleInit } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { ipfsNodeLimits } from "#ipfs-node/config.ts";
import type { IpfsNode } from "#ipfs-node/node.ts";
import { handleRpc, refuseUnread } from "#ipfs-node/rpc.ts";
import { IPFS_NODE_VERSION } from "#ipfs-node/server.ts";
import { SessionTokens } from "../auth/session-tokens.ts";
import { requestLimiter } from "../common/rate-limiter.ts";
import { CONFIG, LOGGER, MEDIA } from "../common/tokens.ts";
import type { ApiConfig } from "../config.ts";
import { UnauthenticatedError } from "../errors.ts";
import { ApiMetrics } from "../health/metrics.ts";
import { UploadQuota } from "./upload-quota.ts";

/**
 * The only Kubo RPC command on the public port: `POST /api/v0/add` for a signed-in account (the storefront's sealed
 * shipping addresses, dispute evidence and reviews), within MEDIA_UPLOADS_PER_MINUTE per client IP and per session,
 * MEDIA_UPLOAD_MAX_BYTES per upload (by its Content-Length) and MEDIA_UPLOAD_BYTES_PER_DAY per account. Every other
 * `/api/v0/` path is refused here: the node's full RPC is on its private listener. Refusals come before the body is
 * stored, in Kubo's error shape; a body up to the upload limit is read and dropped, so browsers see the refusal.
 */
@Injectable()
export class UploadRoute implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(MEDIA) private readonly media: IpfsNode | null,
    @Inject(SessionTokens) private readonly sessions: SessionTokens,
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
  ) {}

  onModuleInit(): void {
    const { media, logger } = this;
    const limits = this.config.media?.uploads;
    if (media === null || limits === undefined) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const limit = requestLimiter(fastify, limits.perMinute);
    const quota = new UploadQuota(limits.bytesPerDay);
    const options = { ...ipfsNodeLimits, logger, version: IPFS_NODE_VERSION };
    const refuse = (reply: FastifyReply, status: number, message: string, retryAfterSeconds?: number) => {
      reply.hijack();
      const headers = retryAfterSeconds === undefined ? undefined : { "Retry-After": String(retryAfterSeconds) };
      refuseUnread(reply.request.raw, reply.raw, { status, message, drainBytes: limits.maxBytes, headers });
    };
    const add = async (request: FastifyRequest, reply: FastifyReply) => {
      const wait = await limit(request);
      if (wait > 0) {
        this.metrics.rateLimited++;
        return refuse(reply, 429, `too many uploads: retry in ${wait} s`, wait);
      }
      const caller = await this.#account(request.headers.authorization);
      if ("refused" in caller) return refuse(reply, 401, caller.refused);
      const length = Number(request.headers["content-length"] ?? Number.NaN);
      if (!Number.isSafeInteger(length)) return refuse(reply, 411, "an upload needs a Content-Length header");
      if (length > limits.maxBytes) return refuse(reply, 413, `an upload may have at most ${limits.maxBytes} bytes`);
      const retryIn = quota.take(caller.account, length);
      if (retryIn > 0)
        return refuse(reply, 429, `this account's ${limits.bytesPerDay} upload bytes a day are used up`, retryIn);
      reply.hijack();
      logger.debug({ account: caller.account, bytes: length }, "public upload");
      // Content-Length bounds the body (Node's parser holds the client to it); the limit backs it up.
      await handleRpc(media, request.raw, reply.raw, { ...options, maxUploadBytes: length });
    };
    void fastify.register(async (scope) => {
      // The body stays unread: add streams it into the store, and a refusal never reads it.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", (_request, _payload, done) => done(null));
      scope.post("/api/v0/add", add);
      scope.all("/api/v0/*", async (_request, reply) =>
        refuse(reply, 403, "only add (signed in) is served here; the node's RPC has a private listener"),
      );
    });
  }

  /** The signed-in account, or why there is none. */
  async #account(authorization: string | undefined): Promise<{ account: string } | { refused: string }> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (token === undefined) return { refused: "sign in with Ethereum first and send Authorization: Bearer <token>" };
    try {
      return { account: (await this.sessions.verify(token)).address };
    } catch (error) {
      if (error instanceof UnauthenticatedError) return { refused: error.message };
      throw error;
    }
  }
}
