// The indexer: `npm run indexer` follows the chain; `-- --once` indexes to the head and exits;
// `-- verify [--sample N | --all]` compares indexed rows with the contracts' state.
// Settings: docs/indexer.md.
import { mkdirSync } from "node:fs";
import { pino } from "pino";
import { readDeployment } from "../../sdk/deployments.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { readIpfsClientConfig } from "../../sdk/ipfs/config.ts";
import { readIndexerConfig, type IndexerConfig } from "./config.ts";
import { MetadataResolver } from "./metadata/resolver.ts";
import { RpcUnavailableError } from "./errors.ts";
import { startStatusServer } from "./http.ts";
import { openDatabase } from "./store/db.ts";
import { ChainSync } from "./sync/chain-sync.ts";
import { HeadWatcher } from "./sync/head-watcher.ts";
import { SyncMetrics } from "./sync/metrics.ts";
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
  const metrics = new SyncMetrics();
  const rpc = new RpcClient(config.rpcUrl, {
    timeoutMs: config.rpcTimeoutMs,
    retries: config.rpcRetries,
    onError: (error, attempt) => {
      metrics.rpcErrors++;
      logger.debug({ err: error, attempt }, "rpc call failed");
    },
  });
  // Chain id first: a bad RPC URL fails fast, before opening a database or reading a deployment.
  const chainId = await new RpcClient(config.rpcUrl, { timeoutMs: config.rpcTimeoutMs, retries: 1 }).chainId().catch((cause: Error) => {
    throw new RpcUnavailableError(`cannot reach RPC_URL ${config.rpcUrl}: ${cause.message}`, { cause });
  });
  const deployment = readDeployment(chainId);
  if (!/^postgres/.test(config.database) && config.database !== "memory://") mkdirSync(config.database, { recursive: true });
  const database = await openDatabase(config.database);
  const status = config.port > 0 ? await startStatusServer(config.port, metrics, config.finalityDepth + 2) : undefined;
  const heads = config.wsUrl && !once ? new HeadWatcher(config.wsUrl, logger) : undefined;
  try {
    const sync = new ChainSync({ db: database.db, rpc, deployment, options: { ...config.logRange, ...config }, logger, metrics, heads });
    await sync.checkChain(chainId);
    logger.info({ rpc_url: config.rpcUrl, ws_url: config.wsUrl, chain_id: chainId, database: database.kind, finality_depth: config.finalityDepth, mode: once ? "once" : "follow", status_port: config.port || undefined }, "indexer starting");
    const controller = new AbortController();
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
    const resolver = config.metadata
      ? new MetadataResolver({ db: database.db, ipfs: new IpfsClient(readIpfsClientConfig()), options: config.metadataOptions, logger })
      : undefined;
    if (once) {
      await sync.runOnce();
      await resolver?.drain();
    } else {
      await Promise.all([sync.follow(controller.signal).finally(() => controller.abort()), resolver?.run(config.pollIntervalMs, controller.signal)]);
    }
    logger.info({ cursor: metrics.cursor, events: metrics.events, reorgs: metrics.reorgs }, "indexer stopped");
  } finally {
    heads?.close();
    status?.close();
    await database.close();
  }
}
