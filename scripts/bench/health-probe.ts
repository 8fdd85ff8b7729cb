// The /health probe of bench:api, a process of its own so that neither the server's nor the load generator's busy
// event loop adds to what it measures: node health-probe.ts <healthUrl> <seconds>
// Asks every 50 ms for `seconds`; prints one JSON summary, the p50 and p99 of the answers' times in ms.
import { percentile } from "./percentile.ts";

const [url, seconds] = process.argv.slice(2);
const times: number[] = [];

async function timeHealth(): Promise<void> {
  const started = performance.now();
  const response = await fetch(url).catch(() => undefined);
  await response?.arrayBuffer();
  if (response?.ok) times.push(performance.now() - started);
}

const probe = setInterval(() => void timeHealth(), 50);
await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
clearInterval(probe);

times.sort((a, b) => a - b);
const rounded = (p: number) => {
  const value = percentile(times, p);
  return value === null ? null : Math.round(value * 10) / 10;
};
console.log(JSON.stringify({ healthP50Ms: rounded(0.5), healthP99Ms: rounded(0.99) }));
