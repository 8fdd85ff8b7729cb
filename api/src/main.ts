// The API alone: `npm run api` (after `npm run build:api`). Settings: docs/api.md.
import { pino } from "pino";
import { readApiConfig } from "./config.ts";
import { connectDatabase } from "./database.ts";
import { IpfsNode } from "#ipfs-node/node.ts";
import { startApi } from "./server.ts";

const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });

try {
  const config = readApiConfig();
  const database = await connectDatabase(config.database);
  const media = config.media ? await IpfsNode.open(config.media.dataDir) : undefined;
  const api = await startApi({ config, database, media, logger });
  const stop = async () => {
    await api.close();
    await media?.close();
    await database.close();
    logger.info("api stopped");
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop());
} catch (error) {
  logger.fatal({ err: error }, (error as Error).message);
  process.exitCode = 1;
}
