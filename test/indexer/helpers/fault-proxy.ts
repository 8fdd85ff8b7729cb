import { createServer, type Server } from "node:http";
import { freePort } from "../../helpers/ports.ts";

export interface FaultPlan {
  /** Probability of closing the connection without an answer. */
  drop: number;
  /** Probability of answering after `delayMs`. */
  delay: number;
  delayMs: number;
  /** Probability of an HTTP 503. */
  serverError: number;
  /** eth_getLogs over more blocks than this fails like a node's result limit. */
  maxLogRange: number;
  /** Answer eth_getLogs without `blockTimestamp`, like nodes older than the execution-apis field. */
  stripLogTimestamps?: boolean;
  /** Answer JSON-RPC batches with one error, like nodes and providers that do not take them. */
  refuseBatches?: boolean;
  /** Passes every `every`-th request of `method` on, then closes the connection without the node's answer. */
  loseAnswers?: { method: string; every: number };
}

/** A JSON-RPC proxy in front of `target` that drops, delays and refuses requests, deterministically. */
export async function startFaultProxy(target: string, plan: FaultPlan, seed = 42) {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const counts = {
    requests: 0,
    dropped: 0,
    delayed: 0,
    serverErrors: 0,
    rangeErrors: 0,
    batches: 0,
    strippedLogs: 0,
    lostAnswers: 0,
  };
  let calls = 0;
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    counts.requests++;
    const parsed = JSON.parse(body);
    if (Array.isArray(parsed)) counts.batches++;
    if (Array.isArray(parsed) && plan.refuseBatches) {
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          jsonrpc: "2.0",
          id: null,
          error: { code: -32600, message: "batch requests are not supported" },
        }),
      );
      return;
    }
    const { method, params, id } = Array.isArray(parsed) ? { method: "batch", params: [], id: null } : parsed;
    if (method === "eth_getLogs" && Number(params[0].toBlock) - Number(params[0].fromBlock) + 1 > plan.maxLogRange) {
      counts.rangeErrors++;
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          jsonrpc: "2.0",
          id,
          error: { code: -32005, message: "query returned more than 10000 results" },
        }),
      );
      return;
    }
    const roll = random();
    if (roll < plan.drop) {
      counts.dropped++;
      request.socket.destroy();
      return;
    }
    if (roll < plan.drop + plan.serverError) {
      counts.serverErrors++;
      response.statusCode = 503;
      response.end("unavailable");
      return;
    }
    if (roll < plan.drop + plan.serverError + plan.delay) {
      counts.delayed++;
      await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
    }
    const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
    response.setHeader("content-type", "application/json");
    const answer = await upstream.text();
    const lose = plan.loseAnswers;
    if (lose && method === lose.method && ++calls % lose.every === 0) {
      counts.lostAnswers++;
      request.socket.destroy();
      return;
    }
    if (method !== "eth_getLogs" || !plan.stripLogTimestamps) return response.end(answer);
    const logs = JSON.parse(answer);
    for (const log of logs.result ?? []) {
      if (!("blockTimestamp" in log)) continue;
      delete log.blockTimestamp;
      counts.strippedLogs++;
    }
    response.end(JSON.stringify(logs));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
