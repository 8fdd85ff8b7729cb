// The keeper alone: `npm run keeper` sends the permissionless calls that end orders past their deadlines
// (reclaim, finalize, default dispute settlement), reading due orders from the indexer's database;
// `-- --once`: one round, then exit. `npm start` runs the same keeper beside its indexer.
// Settings: README "Keeper".
import { existsSync } from "node:fs";
import { pino } from "pino";
import { createPublicClient, http } from "viem";
import { readIndexerConfig } from "../../indexer/src/config.ts";
import { ChainMismatchError, RpcUnavailableError } from "../../indexer/src/errors.ts";
import { health, prometheus, serveStatusRoutes } from "../../indexer/src/http.ts";
import { connectDatabase } from "../../indexer/src/store/db.ts";
import { readCursor } from "../../indexer/src/store/sync-state.ts";
import { readDeployment } from "../../sdk/deployments.ts";
import { ConfigError } from "../../sdk/errors.ts";
import { readKeeperConfig } from "./config.ts";
import { escrowCaller } from "./escrow-caller.ts";
import { Keeper } from "./keeper.ts";

const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const once = process.argv.includes("--once");

try {
  await main();
} catch (error) {
  logger.fatal({ err: error }, (error as Error).message);
  process.exitCode = 1;
}

async function main(): Promise<void> {
  // Where the index and the chain are: the indexer's own settings, so both read the same database.
  const { rpcUrl, rpcTimeoutMs, database: location } = readIndexerConfig();
  const config = readKeeperConfig();
  if (!config.privateKey && !config.dryRun)
    throw new ConfigError("KEEPER_PRIVATE_KEY: is required (the key that sends the calls) unless KEEPER_DRY_RUN=true");
  const chainId = await createPublicClient({ transport: http(rpcUrl, { retryCount: 1 }) })
    .getChainId()
    .catch((cause: Error) => {
      throw new RpcUnavailableError(`cannot reach RPC_URL ${rpcUrl}: ${cause.message}`, { cause });
    });
  const deployment = readDeployment(chainId);
  if (!/^postgres/.test(location) && location !== "memory://" && !existsSync(location))
    throw new ConfigError(`INDEXER_DATA_DIR: no index at ${location} (run the indexer first, or set DATABASE_URL)`);
  const database = await connectDatabase(location, 2);
  try {
    const cursor = await readCursor(database.db);
    if (!cursor) throw new ConfigError(`the index at ${database.kind} is empty: run the indexer first`);
    if (cursor.chainId !== chainId)
      throw new ChainMismatchError(`RPC serves chain ${chainId} but the index is of chain ${cursor.chainId}`);
    const caller = escrowCaller({ ...config, rpcUrl, rpcTimeoutMs, deployment });
    const keeper = new Keeper({ db: database.db, caller, config, logger });
    const status =
      config.port > 0
        ? await serveStatusRoutes(config.port, "127.0.0.1", {
            "/health": health,
            "/metrics": prometheus(() => keeper.metrics.render()),
          })
        : undefined;
    logger.info(
      {
        rpc_url: rpcUrl,
        chain_id: chainId,
        database: database.kind,
        indexed_block: cursor.block,
        account: caller.address,
        dry_run: config.dryRun,
        mode: once ? "once" : "follow",
        status_port: config.port || undefined,
      },
      "keeper starting",
    );
    const controller = new AbortController();
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
    try {
      if (once) await keeper.runOnce();
      else await keeper.run(controller.signal);
    } finally {
      status?.close();
    }
    const { due, sent, failed } = keeper.metrics;
    logger.info({ due, sent, failed }, "keeper stopped");
  } finally {
    await database.close();
  }
}
