import { pino } from "pino";
import { readIpfsNodeConfig } from "../api/src/media/config.ts";
import { startIpfsNode } from "../api/src/media/server.ts";

const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const node = await startIpfsNode(readIpfsNodeConfig(), logger);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "stopping embedded ipfs node");
    node.close().then(() => process.exit(0));
  });
}
