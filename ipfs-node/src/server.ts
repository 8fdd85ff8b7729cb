import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino, type Logger } from "pino";
import { ipfsNodeLimits, type IpfsNodeConfig } from "./config.ts";
import { createIpfsHandler } from "./handler.ts";
import { IpfsNode } from "./node.ts";

export interface RunningIpfsNode {
  /** Kubo RPC base for kubo-rpc-client / IPFS_API_URL, e.g. http://127.0.0.1:4000/api/v0 */
  apiUrl: string;
  /** Gateway base, e.g. http://127.0.0.1:4000 (append /ipfs/<cid>) */
  gatewayUrl: string;
  close(): Promise<void>;
}

const VERSION = "0.1.0-embedded-helia";

/** Serves the embedded node on its own node:http server (port 0 picks a free port). */
export async function startIpfsNode(
  config: Pick<IpfsNodeConfig, "dataDir" | "host" | "port"> & Partial<IpfsNodeConfig>,
  logger: Logger = pino({ level: "silent" }),
): Promise<RunningIpfsNode> {
  const node = await IpfsNode.open(config.dataDir);
  const handle = createIpfsHandler(node, { ...ipfsNodeLimits, ...config, logger, version: VERSION });
  const server = createServer((req, res) => {
    handle(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { "Content-Type": "text/plain" }).end("404 page not found\n");
      },
      (error: unknown) => {
        logger.error({ err: error, path: req.url }, "ipfs request failed");
        res.destroy();
      },
    );
  });
  server.listen(config.port, config.host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const origin = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ api_url: `${origin}/api/v0`, data_dir: config.dataDir }, "embedded ipfs node listening");
  return {
    apiUrl: `${origin}/api/v0`,
    gatewayUrl: origin,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await node.close();
    },
  };
}
