import type { IncomingMessage, ServerResponse } from "node:http";
import { rpcGate, type KuboAuthorizations } from "./authorization.ts";
import { handleGateway, type GatewayOptions } from "./gateway.ts";
import type { IpfsNode } from "./node.ts";
import { handleRpc, kuboError, refuseUnread, type RpcOptions } from "./rpc.ts";

/** A refused call's body up to this size is read and dropped, so its client sees the refusal. */
const DRAIN_REFUSED_BYTES = 1024 * 1024;

/**
 * The read-only gateway for any node:http-compatible server, public ports included: resolves to true when it
 * answered (`/ipfs/...`), false when the request is someone else's.
 */
export function createGatewayHandler(node: IpfsNode, options: GatewayOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (!(req.url ?? "/").startsWith("/ipfs/")) return false;
    await handleGateway(node, req, res, options);
    return true;
  };
}

/**
 * The whole Kubo RPC subset (`/api/v0/...`, add, cat, pins, gc) behind its gate (authorization.ts): for the
 * node's private RPC listener only. The request body must not have been read yet (`add` streams it).
 */
export function createRpcHandler(node: IpfsNode, options: RpcOptions & { authorizations?: KuboAuthorizations }) {
  const gate = rpcGate(options.authorizations);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? "/", "http://rpc").pathname;
    if (!path.startsWith("/api/v0/")) return kuboError(res, 404, `unknown command ${path}`);
    const verdict = gate(req);
    if (verdict.allowed) return handleRpc(node, req, res, options);
    options.logger.warn({ path, status: verdict.status, reason: verdict.message }, "ipfs rpc call refused");
    refuseUnread(req, res, { ...verdict, drainBytes: DRAIN_REFUSED_BYTES });
  };
}
