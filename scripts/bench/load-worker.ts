// The load generator of bench:api, run as a child process so it does not share the server's event loop:
//   node load-worker.ts <graphqlUrl> <bodiesFile> <connections> <seconds> [healthUrl]
// Sends the bodies of bodiesFile (a JSON array of strings) in rotation, each connection taking the next one,
// counts GraphQL errors, and meanwhile asks healthUrl every 50 ms; prints one JSON summary.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const [url, bodiesFile, connections, seconds, healthUrl] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(bodiesFile, "utf8")) as string[];
let next = 0;
let graphqlErrors = 0;
let firstError: string | undefined;

const health: number[] = [];
const probe = healthUrl ? setInterval(() => void timeHealth(healthUrl), 50) : undefined;

const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  timeout: 30,
  requests: [
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
      onResponse: (status, body) => {
        if (status === 200 && body.includes('"errors"')) {
          graphqlErrors++;
          firstError ??= body.slice(0, 500);
        }
      },
    },
  ],
});
clearInterval(probe);

health.sort((a, b) => a - b);
const percentile = (p: number) =>
  health.length ? Math.round(health[Math.min(health.length - 1, Math.floor(p * health.length))] * 10) / 10 : null;
console.log(
  JSON.stringify({
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    firstError,
    distinctBodies: Math.min(next, bodies.length),
    healthP50Ms: percentile(0.5),
    healthP99Ms: percentile(0.99),
  }),
);

async function timeHealth(target: string): Promise<void> {
  const started = performance.now();
  const response = await fetch(target).catch(() => undefined);
  await response?.arrayBuffer();
  if (response?.ok) health.push(performance.now() - started);
}
