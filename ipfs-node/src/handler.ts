import type { IncomingMessage, ServerResponse } from "node:http";
import { handleGateway, type GatewayOptions } from "./gateway.ts";
import type { IpfsNode } from "./node.ts";
import { handleRpc, type RpcOptions } from "./rpc.ts";

export type IpfsHandlerOptions = RpcOptions & GatewayOptions;

/**
 * The embedded node's HTTP surface for any node:http-compatible server: resolves to true when
 * it answered (`/api/v0/...` or `/ipfs/...`), false when the request is someone else's.
 * The request body must not have been read yet (`add` streams it).
 */
export function createIpfsHandler(node: IpfsNode, options: IpfsHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = req.url ?? "/";
    if (path.startsWith("/api/v0/")) await handleRpc(node, req, res, options);
    else if (path.startsWith("/ipfs/")) await handleGateway(node, req, res, options);
    else return false;
    return true;
  };
}
