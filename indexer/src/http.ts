import { createServer, type Server } from "node:http";
import type { SyncMetrics } from "./sync/metrics.ts";

/** What a path answers. */
export type StatusRoute = () => { status: number; type: string; body: string };

const json = (status: number, value: unknown) => ({ status, type: "application/json", body: JSON.stringify(value) });

/** /health: the process is up. */
export const health: StatusRoute = () => json(200, { status: "ok" });

/** /metrics: `render`'s Prometheus text. */
export const prometheus =
  (render: () => string): StatusRoute =>
  () => ({ status: 200, type: "text/plain; version=0.0.4", body: render() });

/** Serves `routes` (path → answer) on `host:port`; any other path is 404. */
export async function serveStatusRoutes(
  port: number,
  host: string,
  routes: Record<string, StatusRoute>,
): Promise<Server> {
  const server = createServer((request, response) => {
    const route = routes[request.url ?? ""];
    const { status, type, body } = route ? route() : { status: 404, type: "text/plain", body: "not found" };
    response.writeHead(status, { "content-type": type }).end(body);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  return server;
}

/**
 * The indexer's /health, /metrics and /ready: the indexer has reached the head at least once and is at most
 * `maxLag` blocks behind.
 */
export async function startStatusServer(port: number, metrics: SyncMetrics, maxLag: number): Promise<Server> {
  let reachedHead = false;
  return serveStatusRoutes(port, "0.0.0.0", {
    "/health": health,
    "/metrics": prometheus(() => metrics.render()),
    "/ready": () => {
      reachedHead ||= metrics.head > 0 && metrics.blocksBehind === 0;
      const ready = reachedHead && metrics.blocksBehind <= maxLag;
      return json(ready ? 200 : 503, {
        ready,
        head: metrics.head,
        cursor: metrics.cursor,
        blocksBehind: metrics.blocksBehind,
      });
    },
  });
}
