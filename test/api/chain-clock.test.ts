import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { numberToHex } from "viem";
import { createChainClient } from "../../api/dist/chain/chain-client.js";
import { ChainClock } from "../../api/dist/chain/chain-clock.service.js";

const DAY = 86_400;
const wallSeconds = () => Math.floor(Date.now() / 1000);

describe("the chain clock, read through the API's viem client", () => {
  let server: Server;
  let rpcUrl: string;
  /** What the node answers as the latest block's timestamp; null: the node drops every request. */
  let latest: number | null = null;

  before(async () => {
    server = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      if (latest === null) return void res.destroy();
      const { id, method } = JSON.parse(body) as { id: number; method: string };
      assert.equal(method, "eth_getBlockByNumber");
      const block = { number: "0x1", hash: `0x${"11".repeat(32)}`, timestamp: numberToHex(latest), transactions: [] };
      res.setHeader("content-type", "application/json").end(JSON.stringify({ jsonrpc: "2.0", id, result: block }));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    rpcUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it("gives the latest block's time for a second, then its last wall-clock offset while the node is down", async () => {
    const client = createChainClient({ rpcUrl });
    const clock = new ChainClock(client, pino({ level: "silent" }));
    latest = wallSeconds() + 8 * DAY;
    assert.equal(await clock.now(), latest);
    const first = latest;
    latest += 60;
    assert.equal(await clock.now(), first, "read once a second");
    latest = null;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const fallback = await clock.now();
    assert.ok(
      Math.abs(fallback - (wallSeconds() + 8 * DAY)) <= 2,
      `${fallback} is the wall clock plus the 8 days last seen`,
    );
  });

  it("is the wall clock without RPC_URL", async () => {
    const clock = new ChainClock(createChainClient({}), pino({ level: "silent" }));
    assert.ok(Math.abs((await clock.now()) - wallSeconds()) <= 1);
  });
});
