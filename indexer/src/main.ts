// The indexer: `npm run indexer` follows the chain; `-- --once` indexes to the head and exits;
// `-- verify [--sample N | --all]` compares indexed rows with the contracts' state.
// Settings: docs/indexer.md.
import { mkdirSync } from "node:fs";
import { pino } from "pino";
import { readDeployment } from "../../sdk/deployments.ts";
import { readIndexerConfig, type IndexerConfig } from "./config.ts";
import { RpcUnavailableError } from "./errors.ts";
import { startStatusServer } from "./http.ts";
import { createIndexing } from "./indexing.ts";
import { openDatabase } from "./store/db.ts";
import { HeadWatcher } from "./sync/head-watcher.ts";
import { RpcClient } from "./sync/rpc.ts";
import { verifyCommand } from "./verify/command.ts";

const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const once = process.argv.includes("--once");

try {
  const config = readIndexerConfig();
  if (process.argv[2] === "verify") {
    process.exitCode = await verifyCommand(process.argv.slice(3), config, logger);
  } else {
    await index(config);
  }
} catch (error) {
  logger.fatal({ err: error }, (error as Error).message);
  process.exitCode = 1;
}

async function index(config: IndexerConfig): Promise<void> {
  // Chain id first: a bad RPC URL fails fast, before opening a database or reading a deployment.
  const chainId = await new RpcClient(config.rpcUrl, { timeoutMs: config.rpcTimeoutMs, retries: 1 })
    .chainId()
    .catch((cause: Error) => {
      throw new RpcUnavailableError(`cannot reach RPC_URL ${config.rpcUrl}: ${cause.message}`, { cause });
    });
  const deployment = readDeployment(chainId);
  if (!/^postgres/.test(config.database) && config.database !== "memory://")
    mkdirSync(config.database, { recursive: true });
  const database = await openDatabase(config.database);
  const heads = config.wsUrl && !once ? new HeadWatcher(config.wsUrl, logger) : undefined;
  const { metrics, sync, resolver } = createIndexing({ config, db: database.db, deployment, logger, heads });
  const status = config.port > 0 ? await startStatusServer(config.port, metrics, config.finalityDepth + 2) : undefined;
  try {
    await sync.checkChain(chainId);
    logger.info(
      {
        rpc_url: config.rpcUrl,
        ws_url: config.wsUrl,
        chain_id: chainId,
        database: database.kind,
        finality_depth: config.finalityDepth,
        mode: once ? "once" : "follow",
        status_port: config.port || undefined,
      },
      "indexer starting",
    );
    const controller = new AbortController();
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
    if (once) {
      await sync.runOnce();
      await resolver?.drain();
    } else {
      await Promise.all([
        sync.follow(controller.signal).finally(() => controller.abort()),
        resolver?.run(config.pollIntervalMs, controller.signal),
      ]);
    }
    logger.info({ cursor: metrics.cursor, events: metrics.events, reorgs: metrics.reorgs }, "indexer stopped");
  } finally {
    heads?.close();
    status?.close();
    await database.close();
  }
}
