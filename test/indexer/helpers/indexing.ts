import { pino } from "pino";
import type { Deployment } from "../../../sdk/deployments.ts";
import { checksum } from "../../../indexer/src/store/checksum.ts";
import { openDatabase, type Database } from "../../../indexer/src/store/db.ts";
import { ChainSync, type SyncOptions } from "../../../indexer/src/sync/chain-sync.ts";
import { SyncMetrics } from "../../../indexer/src/sync/metrics.ts";
import { RpcClient } from "../../../indexer/src/sync/rpc.ts";
import type { HeadWatcher } from "../../../indexer/src/sync/head-watcher.ts";

export const silent = pino({ level: "silent" });

export interface Indexing {
  database: Database;
  sync: ChainSync;
  metrics: SyncMetrics;
}

/** An in-process indexer on `location` (a postgres:// URL or a PGlite location) against `rpcUrl`. */
export async function openIndexing(
  location: string,
  rpcUrl: string,
  deployment: Deployment,
  options: Partial<SyncOptions> & { rpcTimeoutMs?: number; rpcRetries?: number; heads?: HeadWatcher } = {},
): Promise<Indexing> {
  const database = await openDatabase(location);
  const metrics = new SyncMetrics();
  const rpc = new RpcClient(rpcUrl, {
    timeoutMs: options.rpcTimeoutMs ?? 10_000,
    retries: options.rpcRetries ?? 3,
    onError: () => metrics.rpcErrors++,
  });
  const sync = new ChainSync({
    db: database.db,
    rpc,
    deployment,
    options: {
      finalityDepth: 10,
      pollIntervalMs: 100,
      initialSpan: 1_000,
      maxSpan: 10_000,
      targetLogs: 5_000,
      ...options,
    },
    logger: silent,
    metrics,
    heads: options.heads,
  });
  return { database, sync, metrics };
}

/** Indexes to the head into a new database, returns its checksum and closes it. */
export async function freshIndexDigest(location: string, rpcUrl: string, deployment: Deployment): Promise<string> {
  const { database, sync } = await openIndexing(location, rpcUrl, deployment);
  try {
    await sync.runOnce();
    return (await checksum(database.db)).digest;
  } finally {
    await database.close();
  }
}
