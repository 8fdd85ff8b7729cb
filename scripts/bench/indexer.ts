// npm run bench:indexer — generates ≥ 100,000 events of a marketplace's mix (listings, orders through
// every outcome, reviews, withdrawals, provenance) on a local Hardhat node, then measures eth_getLogs +
// decoding alone (the raw limit), full indexing into PGlite and PostgreSQL, and head latency.
// Writes bench/results/indexer.json. PostgreSQL: DATABASE_URL, else a throwaway cluster (Debian package).
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { pino } from "pino";
import { openDatabase } from "../../indexer/src/store/db.ts";
import { roleLabels } from "../../indexer/src/store/schema.ts";
import { ChainSync } from "../../indexer/src/sync/chain-sync.ts";
import { eventDecoder } from "../../indexer/src/sync/decode.ts";
import { LogSource } from "../../indexer/src/sync/log-source.ts";
import { SyncMetrics } from "../../indexer/src/sync/metrics.ts";
import { RpcClient } from "../../indexer/src/sync/rpc.ts";
import { chainActivity } from "../../test/indexer/helpers/activity.ts";
import { generateWorkload, workloadSize } from "./indexer-workload.ts";
import { startDeployedNode } from "./deployed-node.ts";
import { startPostgres } from "../../test/indexer/helpers/postgres.ts";

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const LATENCY_SAMPLES = 200;
/**
 * Rounds of (raw, PGlite, PostgreSQL), measured back to back in this process; each figure is the median
 * over rounds and each ratio the median of the rounds' ratios, so load from other processes on a shared
 * machine weighs on both sides of a ratio alike.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** A directory: write a CPU profile (.cpuprofile) of the first PostgreSQL full index there. */
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE;
/** Log ranges of every pass: raw and indexing alike. */
const SPANS = { initialSpan: 2_000, maxSpan: 2_000, targetLogs: 5_000 };
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const silent = pino({ level: "silent" });

const postgres = process.env.DATABASE_URL ? undefined : await startPostgres();
let node: Awaited<ReturnType<typeof startDeployedNode>> | undefined;
try {
  node = await startDeployedNode();
  const { rpcUrl, deployment } = node;
  const rpc = new RpcClient(rpcUrl, { timeoutMs: 60_000, retries: 50 });
  const activity = chainActivity(rpcUrl, deployment);
  const [admin] = (await activity.publicClient.request({ method: "eth_accounts" as never })) as string[];

  // ─── Generate: a marketplace's mix (scripts/bench/indexer-workload.ts) ──────────────────
  const generating = performance.now();
  const { head } = await generateWorkload(rpcUrl, deployment, workloadSize(TARGET_EVENTS), logger);
  const generationSeconds = Math.round((performance.now() - generating) / 1000);
  logger.info({ head, seconds: generationSeconds }, "generated");

  // ─── (a) Raw limit: eth_getLogs + decoding ──────────────────────────────────────────────
  const decoder = eventDecoder(deployment);
  let started = 0;
  let rawEvents = 0;
  const mix: Record<string, number> = {};
  // Fetched as the indexer fetches (the same ranges, in the same pipelined pieces), so the limit is not handicapped.
  async function rawPass(): Promise<number> {
    const begin = performance.now();
    let count = 0;
    const counts: Record<string, number> = {};
    const source = new LogSource(rpc, decoder.addresses, SPANS);
    for (let from = Number(deployment.deployBlock); from <= head; ) {
      const { to, pieces } = await source.stream(from, head);
      for await (const logs of pieces) {
        const events = decoder.decode(logs);
        count += events.length;
        for (const event of events) counts[event.name] = (counts[event.name] ?? 0) + 1;
      }
      from = to + 1;
    }
    rawEvents = count;
    Object.assign(mix, counts);
    return Math.round(count / ((performance.now() - begin) / 1000));
  }
  // ─── (b) Full index ─────────────────────────────────────────────────────────────────────
  async function fullIndex(location: string, profile?: string): Promise<number> {
    const database = await openDatabase(location);
    const metrics = new SyncMetrics();
    const sync = new ChainSync({
      db: database.db,
      rpc,
      deployment,
      options: { finalityDepth: 0, pollIntervalMs: 100, ...SPANS },
      logger: silent,
      metrics,
    });
    const session = profile ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
    }
    const begin = performance.now();
    await sync.runOnce();
    const perSecond = Math.round(metrics.events / ((performance.now() - begin) / 1000));
    if (session) {
      const { profile: data } = await session.post("Profiler.stop");
      mkdirSync(profile!, { recursive: true });
      writeFileSync(join(profile!, "postgres-index.cpuprofile"), JSON.stringify(data));
      session.disconnect();
    }
    await database.close();
    return perSecond;
  }
  const [rawRuns, pgliteRuns, postgresRuns] = [[], [], []] as number[][];
  let postgresUrl = "";
  for (let run = 0; run < RUNS; run++) {
    rawRuns.push(await rawPass());
    pgliteRuns.push(await fullIndex("memory://"));
    // An external DATABASE_URL is indexed once (a second run would find it indexed).
    if (run === 0 || !process.env.DATABASE_URL) {
      postgresUrl = process.env.DATABASE_URL ?? (await postgres!.createDatabase());
      postgresRuns.push(await fullIndex(postgresUrl, run === 0 ? CPU_PROFILE : undefined));
    }
    logger.info(
      { round: run + 1, raw: rawRuns[run], pglite: pgliteRuns[run], postgres: postgresRuns[run] },
      "events per second",
    );
  }
  const ratios = (runs: number[]) => +median(runs.map((value, run) => value / rawRuns[run])).toFixed(2);
  const [rawEventsPerSec, pgliteEventsPerSec, postgresEventsPerSec] = [
    median(rawRuns),
    median(pgliteRuns),
    median(postgresRuns),
  ];
  logger.info(
    {
      events: rawEvents,
      raw: rawEventsPerSec,
      pglite: pgliteEventsPerSec,
      pglite_ratio: ratios(pgliteRuns),
      postgres: postgresEventsPerSec,
      postgres_ratio: ratios(postgresRuns),
    },
    "medians",
  );

  // ─── (c) Head latency: receipt to row visible, following with a 10 ms poll ──────────────
  const database = await openDatabase(postgresUrl);
  const sync = new ChainSync({
    db: database.db,
    rpc,
    deployment,
    options: { finalityDepth: 0, pollIntervalMs: 10, ...SPANS },
    logger: silent,
    metrics: new SyncMetrics(),
  });
  const controller = new AbortController();
  const following = sync.follow(controller.signal);
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    await activity.send("AccessManager", "labelRole", [1_000n + BigInt(i), `bench-${i}`], admin);
    started = performance.now();
    while (
      (
        await database.db
          .select()
          .from(roleLabels)
          .where(eq(roleLabels.roleId, String(1_000 + i)))
      ).length === 0
    )
      await new Promise((r) => setTimeout(r, 2));
    latencies.push(performance.now() - started);
  }
  controller.abort();
  await following;
  await database.close();
  latencies.sort((a, b) => a - b);
  const headLatencyMs = {
    p50: Math.round(latencies[Math.floor(latencies.length * 0.5)]),
    p95: Math.round(latencies[Math.floor(latencies.length * 0.95)]),
  };
  logger.info(headLatencyMs, "head latency (ms)");

  const result = {
    events: rawEvents,
    mix,
    generationSeconds,
    runs: RUNS,
    rawEventsPerSec,
    pgliteEventsPerSec,
    postgresEventsPerSec,
    rawRuns,
    pgliteRuns,
    postgresRuns,
    pgliteRatio: ratios(pgliteRuns),
    postgresRatio: ratios(postgresRuns),
    headLatencyMs,
    machine: "2 cores; Hardhat node (EDR) on 127.0.0.1; PostgreSQL 15 fsync=off",
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/indexer.json", `${JSON.stringify(result, null, 2)}\n`);
  logger.info(result, "wrote bench/results/indexer.json");
} finally {
  node?.stop();
  await postgres?.stop();
}
