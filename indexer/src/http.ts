import { createServer, type Server } from "node:http";
import type { SyncMetrics } from "./sync/metrics.ts";

/**
 * /health: the process is up. /ready: the indexer has reached the head at least once and is at most
 * `maxLag` blocks behind. /metrics: Prometheus text.
 */
export async function startStatusServer(port: number, metrics: SyncMetrics, maxLag: number): Promise<Server> {
  let reachedHead = false;
  const server = createServer((request, response) => {
    reachedHead ||= metrics.head > 0 && metrics.blocksBehind === 0;
    const ready = reachedHead && metrics.blocksBehind <= maxLag;
    const body = (status: number, type: string, text: string) =>
      response.writeHead(status, { "content-type": type }).end(text);
    if (request.url === "/health") return body(200, "application/json", JSON.stringify({ status: "ok" }));
    if (request.url === "/ready")
      return body(
        ready ? 200 : 503,
        "application/json",
        JSON.stringify({ ready, head: metrics.head, cursor: metrics.cursor, blocksBehind: metrics.blocksBehind }),
      );
    if (request.url === "/metrics") return body(200, "text/plain; version=0.0.4", metrics.render());
    body(404, "text/plain", "not found");
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "0.0.0.0", resolve));
  return server;
}
