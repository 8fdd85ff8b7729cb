import type { Logger } from "pino";
import type { Deployment } from "../../sdk/deployments.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { readIpfsClientConfig } from "../../sdk/ipfs/config.ts";
import type { IndexerConfig } from "./config.ts";
import { MetadataResolver } from "./metadata/resolver.ts";
import type { Db } from "./store/db.ts";
import { ChainSync } from "./sync/chain-sync.ts";
import type { HeadWatcher } from "./sync/head-watcher.ts";
import { SyncMetrics } from "./sync/metrics.ts";
import { RpcClient } from "./sync/rpc.ts";

/**
 * The indexer's two loops over one database: chain sync and, unless turned off, metadata resolution.
 * Used by `npm run indexer` and by `npm start`, which runs them inside the API process.
 */
export function createIndexing(deps: {
  config: IndexerConfig;
  db: Db;
  deployment: Deployment;
  logger: Logger;
  heads?: HeadWatcher;
  env?: NodeJS.ProcessEnv;
}) {
  const { config, db, deployment, logger } = deps;
  const metrics = new SyncMetrics();
  const rpc = new RpcClient(config.rpcUrl, {
    timeoutMs: config.rpcTimeoutMs,
    retries: config.rpcRetries,
    onError: (error, attempt) => {
      metrics.rpcErrors++;
      logger.debug({ err: error, attempt }, "rpc call failed");
    },
  });
  const sync = new ChainSync({
    db,
    rpc,
    deployment,
    options: { ...config.logRange, ...config },
    logger,
    metrics,
    heads: deps.heads,
  });
  const resolver = config.metadata
    ? new MetadataResolver({
        db,
        ipfs: new IpfsClient(readIpfsClientConfig(deps.env)),
        options: config.metadataOptions,
        logger,
      })
    : undefined;
  return { metrics, sync, resolver };
}
