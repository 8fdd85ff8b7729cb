// The /health probe of bench:api, a process of its own so that neither the server's nor the load generator's busy
// event loop adds to what it measures: node health-probe.ts <healthUrl> <seconds>
// Asks /health every 50 ms for `seconds`, and 25 ms after each, the same of an idle server in another process
// (idle-server.ts): the floor this machine puts under any answer while the load keeps its cores busy. Prints one
// JSON summary, the p50 and p99 of both in ms.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { percentile } from "./percentile.ts";

const [url, seconds] = process.argv.slice(2);
const idle = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), "idle-server.ts")], {
  stdio: ["ignore", "pipe", "inherit"],
});
const [port] = await once(idle.stdout, "data");
const idleUrl = `http://127.0.0.1:${String(port).trim()}/health`;

async function time(target: string, times: number[]): Promise<void> {
  const started = performance.now();
  const response = await fetch(target).catch(() => undefined);
  await response?.arrayBuffer();
  if (response?.ok) times.push(performance.now() - started);
}

const health: number[] = [];
const idleServer: number[] = [];
const probes = [setInterval(() => void time(url, health), 50)];
await new Promise((resolve) => setTimeout(resolve, 25));
probes.push(setInterval(() => void time(idleUrl, idleServer), 50));
await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
for (const probe of probes) clearInterval(probe);
idle.kill();

for (const times of [health, idleServer]) times.sort((a, b) => a - b);
const rounded = (sorted: number[], p: number) => {
  const value = percentile(sorted, p);
  return value === null ? null : Math.round(value * 10) / 10;
};
console.log(
  JSON.stringify({
    healthP50Ms: rounded(health, 0.5),
    healthP99Ms: rounded(health, 0.99),
    idleServerP50Ms: rounded(idleServer, 0.5),
    idleServerP99Ms: rounded(idleServer, 0.99),
  }),
);
