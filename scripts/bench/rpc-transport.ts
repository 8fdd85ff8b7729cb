// npm run bench:rpc — the indexer's JSON-RPC client (indexer/src/sync/rpc.ts) against viem's http transport,
// plain and batching, on the reads the indexer makes: block headers by number, eth_getLogs over the chain in
// the pieces LogSource asks for, and a head poll. The chain is the indexer bench's workload mined a few
// transactions to a block, so it has thousands of blocks with events. Writes bench/results/rpc-transport.json.
import { availableParallelism } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { pino } from "pino";
import { createPublicClient, http, toHex } from "viem";
import { eventDecoder } from "../../indexer/src/sync/decode.ts";
import { RpcClient } from "../../indexer/src/sync/rpc.ts";
import { startDeployedNode } from "./deployed-node.ts";
import { generateWorkload, workloadSize } from "./indexer-workload.ts";

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const TXS_PER_BLOCK = 4;
/** Rounds after a warm-up; the variants of a workload run in turn, in reverse order every other round. */
const ROUNDS = Number(process.env.BENCH_RUNS ?? 9);
const HEADERS = 2_000;
/** The indexer's MAX_BATCH, so both batching clients send the same batches. */
const BATCH_SIZE = 500;
/** What LogSource requests at the default LOG_RANGE_INITIAL: 2,000 blocks in 8 pieces, one after another. */
const LOG_PIECE = 250;
const HEAD_POLLS = 300;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });

const node = await startDeployedNode();
try {
  const { rpcUrl, deployment } = node;
  const { head } = await generateWorkload(rpcUrl, deployment, workloadSize(TARGET_EVENTS), logger, TXS_PER_BLOCK);
  const rpc = new RpcClient(rpcUrl, { timeoutMs: 60_000, retries: 0 });
  const viem = createPublicClient({ transport: http(rpcUrl) });
  const viemBatch = createPublicClient({ transport: http(rpcUrl, { batch: { batchSize: BATCH_SIZE } }) });
  const { addresses } = eventDecoder(deployment);
  const numbers = Array.from({ length: HEADERS }, (_, i) => head - HEADERS + 1 + i);
  const pieces: [number, number][] = [];
  for (let from = Number(deployment.deployBlock); from <= head; from += LOG_PIECE)
    pieces.push([from, Math.min(head, from + LOG_PIECE - 1)]);
  const sequentially = async (count: number, call: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < count; i++) await call(i);
  };
  // getBlockNumber answers from a cache for 4 s by default: a poll must reach the node.
  const fresh = { cacheTime: 0 };

  const workloads: Record<string, { requests: number; variants: Record<string, () => Promise<unknown>> }> = {
    headers: {
      requests: HEADERS,
      variants: {
        indexer: () => rpc.blocks(numbers),
        "viem getBlock": () => Promise.all(numbers.map((n) => viem.getBlock({ blockNumber: BigInt(n) }))),
        "viem batch getBlock": () => Promise.all(numbers.map((n) => viemBatch.getBlock({ blockNumber: BigInt(n) }))),
        // The transport alone: getBlock also formats every block into bigints.
        "viem batch request": () =>
          Promise.all(
            numbers.map((n) => viemBatch.request({ method: "eth_getBlockByNumber", params: [toHex(n), false] })),
          ),
      },
    },
    logs: {
      requests: pieces.length,
      variants: {
        indexer: () => sequentially(pieces.length, (i) => rpc.logs(addresses, ...pieces[i])),
        "viem request": () =>
          sequentially(pieces.length, (i) =>
            viem.request({
              method: "eth_getLogs",
              params: [{ address: addresses, fromBlock: toHex(pieces[i][0]), toBlock: toHex(pieces[i][1]) }],
            }),
          ),
        "viem getLogs": () =>
          sequentially(pieces.length, (i) =>
            viem.getLogs({ address: addresses, fromBlock: BigInt(pieces[i][0]), toBlock: BigInt(pieces[i][1]) }),
          ),
      },
    },
    "head poll": {
      requests: HEAD_POLLS,
      variants: {
        indexer: () => sequentially(HEAD_POLLS, () => rpc.blockNumber()),
        "viem getBlockNumber": () => sequentially(HEAD_POLLS, () => viem.getBlockNumber(fresh)),
        "viem batch getBlockNumber": () => sequentially(HEAD_POLLS, () => viemBatch.getBlockNumber(fresh)),
      },
    },
  };

  const logs = (await rpc.logs(addresses, Number(deployment.deployBlock), head)).length;
  const headerCount = (await rpc.blocks(numbers)).filter(Boolean).length;
  if (headerCount !== HEADERS) throw new Error(`${headerCount} of ${HEADERS} headers: the chain is too short`);
  logger.info({ blocks: head, logs, logPieces: pieces.length }, "chain");

  const times: Record<string, Record<string, number[]>> = {};
  for (let round = -1; round < ROUNDS; round++) {
    for (const [workload, { variants }] of Object.entries(workloads)) {
      const names = Object.keys(variants);
      for (const name of round % 2 === 0 ? names : names.reverse()) {
        const begin = performance.now();
        await variants[name]();
        const ms = performance.now() - begin;
        if (round >= 0) ((times[workload] ??= {})[name] ??= []).push(ms);
      }
    }
    if (round >= 0) logger.info({ round: round + 1, of: ROUNDS }, "measured");
  }

  // Each ratio is the median of the rounds' ratios, so load from other processes weighs on both sides alike.
  const results = Object.entries(times).flatMap(([workload, byVariant]) =>
    Object.entries(byVariant).map(([variant, runs]) => ({
      workload,
      variant,
      medianMs: +median(runs).toFixed(1),
      perRequestMs: +(median(runs) / workloads[workload].requests).toFixed(3),
      vsIndexer: +median(runs.map((ms, round) => ms / byVariant.indexer[round])).toFixed(2),
      runs: runs.map((ms) => +ms.toFixed(1)),
    })),
  );
  console.table(results.map(({ runs: _, ...row }) => row));

  const result = {
    chain: { blocks: head, logs, txsPerBlock: TXS_PER_BLOCK },
    rounds: ROUNDS,
    headers: HEADERS,
    batchSize: BATCH_SIZE,
    logPiece: LOG_PIECE,
    headPolls: HEAD_POLLS,
    results,
    note: "vsIndexer: the variant's time over the indexer client's; above 1, the indexer's client is faster",
    machine: `${availableParallelism()} cores (shared); Hardhat node (EDR) on 127.0.0.1; Node ${process.version}`,
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/rpc-transport.json", `${JSON.stringify(result, null, 2)}\n`);
  logger.info("wrote bench/results/rpc-transport.json");
} finally {
  node.stop();
}
