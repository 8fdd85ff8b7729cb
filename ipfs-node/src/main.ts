// The embedded IPFS node alone: `npm run ipfs` (the API server mounts the same node). Settings: docs/ipfs.md.
import { pino } from "pino";
import { readIpfsNodeConfig } from "./config.ts";
import { startIpfsNode } from "./server.ts";

const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const node = await startIpfsNode(readIpfsNodeConfig(), logger);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "stopping embedded ipfs node");
    node.close().then(() => process.exit(0));
  });
}
