import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pino, type Logger } from "pino";
import { ipfsNodeLimits, type IpfsNodeConfig, type RpcListenerConfig } from "./config.ts";
import { createGatewayHandler, createRpcHandler } from "./handler.ts";
import { IpfsNode } from "./node.ts";
import type { RpcOptions } from "./rpc.ts";

export interface RunningIpfsNode {
  /** Kubo RPC base for kubo-rpc-client / IPFS_API_URL on the private listener, e.g. http://127.0.0.1:5001/api/v0 */
  apiUrl: string;
  /** Gateway base, e.g. http://127.0.0.1:4000 (append /ipfs/<cid>) */
  gatewayUrl: string;
  close(): Promise<void>;
}

export interface Listener {
  /** e.g. http://127.0.0.1:5001 */
  origin: string;
  close(): Promise<void>;
}

export const IPFS_NODE_VERSION = "0.1.0-embedded-helia";

/**
 * Serves the embedded node as Kubo does, on two listeners: the read-only gateway on config.host:port, and the
 * Kubo RPC on config.rpc (a free loopback port when not given), guarded by its authorizations. Port 0 picks a
 * free port.
 */
export async function startIpfsNode(
  config: Pick<IpfsNodeConfig, "dataDir" | "host" | "port"> & Partial<IpfsNodeConfig>,
  logger: Logger = pino({ level: "silent" }),
): Promise<RunningIpfsNode> {
  const node = await IpfsNode.open(config.dataDir);
  const options = { ...ipfsNodeLimits, ...config, logger };
  const gateway = createGatewayHandler(node, options);
  const web = await listen(config.host, config.port, logger, async (req, res) => {
    if (!(await gateway(req, res))) res.writeHead(404, { "Content-Type": "text/plain" }).end("404 page not found\n");
  });
  const rpc = await listenRpc(node, { ...options, ...(config.rpc ?? { host: "127.0.0.1", port: 0 }) });
  logger.info({ gateway_url: `${web.origin}/ipfs/`, data_dir: config.dataDir }, "embedded ipfs gateway listening");
  return {
    apiUrl: rpc.apiUrl,
    gatewayUrl: web.origin,
    async close() {
      await Promise.all([web.close(), rpc.close()]);
      await node.close();
    },
  };
}

/** The node's Kubo RPC on its own private listener (createRpcHandler): what IPFS_API_URL points at. */
export async function listenRpc(
  node: IpfsNode,
  options: RpcListenerConfig & Omit<RpcOptions, "version"> & { logger: Logger },
): Promise<{ apiUrl: string; close(): Promise<void> }> {
  const handle = createRpcHandler(node, { ...options, version: IPFS_NODE_VERSION });
  const listener = await listen(options.host, options.port, options.logger, handle);
  const apiUrl = `${listener.origin}/api/v0`;
  options.logger.info(
    { api_url: apiUrl, authorizations: Object.keys(options.authorizations ?? {}) },
    "embedded ipfs rpc listening",
  );
  return { apiUrl, close: listener.close };
}

/** A node:http server on host:port whose handler's failures are logged and end the connection. */
async function listen(
  host: string,
  port: number,
  logger: Logger,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<Listener> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, "ipfs request failed");
      res.destroy();
    });
  });
  server.listen(port, host);
  await once(server, "listening");
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
