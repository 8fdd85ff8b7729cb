import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { startIpfsNode } from "../../ipfs-node/src/server.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";

/**
 * Adds and reads back 1 KiB, 1 MiB and 64 MiB through the embedded node (RPC via kubo-rpc-client,
 * reads verified against the CID; and the gateway), beside the same bytes on the local filesystem.
 * The ratio ipfs/fs is the figure; absolute MB/s depend on the machine.
 */
const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const KiB = 1024;
const MiB = 1024 * KiB;
const CASES = [
  { label: "1KiB", size: KiB, rounds: 200 },
  { label: "1MiB", size: MiB, rounds: 20 },
  { label: "64MiB", size: 64 * MiB, rounds: 3 },
];

async function throughput(size: number, rounds: number, run: (round: number) => Promise<unknown>): Promise<number> {
  await run(-1); // warm-up, not timed
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) await run(round);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (size * rounds) / MiB / seconds;
}

const work = await mkdtemp(join(tmpdir(), "bench-ipfs-"));
const node = await startIpfsNode({
  dataDir: join(work, "ipfs"),
  host: "127.0.0.1",
  port: 0,
  maxUploadBytes: 128 * MiB,
  maxResponseBytes: 128 * MiB,
});
const client = new IpfsClient({ url: node.apiUrl, timeoutMs: 120_000, maxBytes: 128 * MiB });
await mkdir(join(work, "fs"));
const results = [];
try {
  for (const { label, size, rounds } of CASES) {
    // Fresh random bytes per round so every add stores new blocks (no deduplication).
    const inputs = Array.from({ length: rounds + 1 }, () => randomBytes(size));
    const input = (round: number) => inputs[round + 1] as Uint8Array;
    let cid = "";
    const rpcAdd = await throughput(size, rounds, async (round) => (cid = (await client.add(input(round))).toString()));
    const rpcCat = await throughput(size, rounds, () => client.cat(cid));
    const gatewayGet = await throughput(size, rounds, async () => {
      const res = await fetch(`${node.gatewayUrl}/ipfs/${cid}`);
      if (res.status !== 200) throw new Error(`gateway answered ${res.status}`);
      await res.arrayBuffer();
    });
    const file = (round: number) => join(work, "fs", `${label}-${round}`);
    const fsWrite = await throughput(size, rounds, (round) => writeFile(file(round), input(round)));
    const fsRead = await throughput(size, rounds, () => readFile(file(rounds - 1)));
    const row = {
      size: label,
      bytes: size,
      rounds,
      mb_per_s: {
        rpc_add: rpcAdd,
        rpc_cat_verified: rpcCat,
        gateway_get: gatewayGet,
        fs_write: fsWrite,
        fs_read: fsRead,
      },
      ratio_vs_fs: { rpc_add: rpcAdd / fsWrite, rpc_cat_verified: rpcCat / fsRead, gateway_get: gatewayGet / fsRead },
    };
    results.push(row);
    logger.info(row, "ipfs bench case done");
  }
} finally {
  await node.close();
  await rm(work, { recursive: true, force: true });
}

const fixed = (value: number) => value.toFixed(value < 10 ? 2 : 0).padStart(8);
console.log(
  "\nsize     rpc add  fs write  ratio | rpc cat*  gateway  fs read  ratio cat  ratio gw" +
    "   (MB/s, MB = MiB; * verified)",
);
for (const row of results) {
  const { mb_per_s: m, ratio_vs_fs: r } = row;
  console.log(
    `${row.size.padEnd(6)} ${fixed(m.rpc_add)} ${fixed(m.fs_write)} ${r.rpc_add.toFixed(3).padStart(6)} | ` +
      `${fixed(m.rpc_cat_verified)} ${fixed(m.gateway_get)} ${fixed(m.fs_read)} ` +
      `${r.rpc_cat_verified.toFixed(3).padStart(10)} ${r.gateway_get.toFixed(3).padStart(9)}`,
  );
}
const report = {
  generated_at: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  unit: "MiB/s",
  results,
};
await mkdir("bench/results", { recursive: true });
await writeFile("bench/results/ipfs.json", `${JSON.stringify(report, null, 2)}\n`);
logger.info({ file: "bench/results/ipfs.json" }, "ipfs bench written");
