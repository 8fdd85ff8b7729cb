import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { privateKeyToAddress } from "viem/accounts";
import { writeDeployment } from "../../sdk/deployments.ts";
import type { OrderStatusName } from "../../sdk/statuses.ts";
import { escrowCaller } from "../../scripts/keeper/escrow-caller.ts";
import { Keeper } from "../../scripts/keeper/keeper.ts";
import type { KeeperConfig } from "../../scripts/keeper/config.ts";
import { DEMO_KEEPER_PRIVATE_KEY } from "../../scripts/start/demo.ts";
import { startDeployedNode } from "../../scripts/bench/deployed-node.ts";
import { until } from "../helpers/until.ts";
import { startFaultProxy } from "../indexer/helpers/fault-proxy.ts";
import { openIndexing, silent, type Indexing } from "../indexer/helpers/indexing.ts";
import { DAY, expiringOrders, type PlacedOrder } from "./helpers/expiring-orders.ts";

const KEEPER = privateKeyToAddress(DEMO_KEEPER_PRIVATE_KEY);
/** What the keeper turns each open state into once its deadline has passed. */
const ENDS: Record<string, OrderStatusName> = {
  Placed: "Reclaimed",
  Accepted: "Reclaimed",
  Shipped: "Completed",
  Disputed: "Resolved",
};
const CALLS: Record<string, string> = {
  Placed: "reclaimOrder",
  Accepted: "reclaimOrder",
  Shipped: "finalizeOrder",
  Disputed: "settleDispute",
};
const config = (overrides: Partial<KeeperConfig> = {}): KeeperConfig => ({
  privateKey: DEMO_KEEPER_PRIVATE_KEY,
  dryRun: false,
  pollIntervalMs: 50,
  maxPerRound: 50,
  retryBaseMs: 20,
  receiptTimeoutMs: 30_000,
  port: 0,
  ...overrides,
});

describe("the keeper, on a chain moved past every kind of deadline", () => {
  const dir = mkdtempSync(join(tmpdir(), "keeper-"));
  const indexDir = join(dir, "index");
  let node: Awaited<ReturnType<typeof startDeployedNode>>;
  let ledger: Awaited<ReturnType<typeof expiringOrders>>;
  let indexing: Indexing | undefined;
  /** Orders whose deadline has passed, by the state they were left in. */
  const expired: [string, PlacedOrder][] = [];
  /** Orders placed after the clock moved: nothing is due on them yet. */
  const pending: [string, PlacedOrder][] = [];

  before(async () => {
    node = await startDeployedNode();
    writeDeployment(node.deployment, dir);
    ledger = await expiringOrders(node.rpcUrl, node.deployment);
    for (const state of ["Placed", "Accepted", "Shipped", "Disputed"] as const)
      for (const order of await ledger.orders(state, 2)) expired.push([state, order]);
    // Past the ship-by (7 days), confirmation (14) and ruling (7) windows of everything above.
    await ledger.advance(15 * DAY);
    for (const state of ["Placed", "Shipped", "Disputed"] as const)
      for (const order of await ledger.orders(state, 1)) pending.push([state, order]);
    const first = await openIndexing(indexDir, node.rpcUrl, node.deployment);
    await first.sync.runOnce();
    await first.database.close();
  });
  after(async () => {
    await indexing?.database.close();
    node?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const statuses = async (orders: [string, PlacedOrder][]) =>
    Promise.all(orders.map(async ([, order]) => ledger.status(order)));
  const keeperNonce = () => ledger.client.getTransactionCount({ address: KEEPER });

  it("dry run (npm run keeper -- --once) reports every due order with its call and sends nothing", async () => {
    const head = await ledger.client.getBlockNumber();
    const run = await runKeeperOnce({
      RPC_URL: node.rpcUrl,
      DEPLOYMENTS_DIR: dir,
      INDEXER_DATA_DIR: indexDir,
      KEEPER_DRY_RUN: "true",
    });
    assert.equal(run.code, 0, run.output);
    const reported = run.lines.filter((line) => line.msg === "due: dry run, not sent");
    assert.deepEqual(
      reported.map((line) => [line.order_id, line.call]).sort(),
      expired.map(([state, order]) => [String(order.id), CALLS[state]]).sort(),
    );
    const stopped = run.lines.find((line) => line.msg === "keeper stopped");
    assert.deepEqual([stopped?.due, stopped?.sent, stopped?.failed], [expired.length, 0, 0]);
    assert.equal(await ledger.client.getBlockNumber(), head, "not one block: nothing was sent");
    assert.deepEqual(
      await statuses(expired),
      expired.map(([state]) => state),
    );
  });

  it("ends every expired order once, leaves the rest, and never retries a call the escrow refused", async () => {
    indexing = await openIndexing(indexDir, node.rpcUrl, node.deployment);
    // The index falls behind: the buyer confirms one expired order on chain, the index still shows it Shipped.
    const [, confirmed] = expired.find(([state]) => state === "Shipped")!;
    await ledger.send("OrderEscrow", "confirmDelivery", [confirmed.id, confirmed.terms], ledger.buyer);
    const keeper = new Keeper({
      db: indexing.database.db,
      caller: escrowCaller({ ...config(), rpcUrl: node.rpcUrl, deployment: node.deployment }),
      config: config(),
      logger: silent,
    });

    const first = await keeper.runOnce();
    const settled = expired.filter(([, order]) => order !== confirmed);
    assert.deepEqual(first.sent.map((order) => order.id).sort(), settled.map(([, order]) => String(order.id)).sort());
    assert.deepEqual(
      first.failed.map((order) => order.id),
      [String(confirmed.id)],
    );
    assert.deepEqual(
      await statuses(expired),
      expired.map(([state, order]) => (order === confirmed ? "Completed" : ENDS[state])),
    );
    assert.deepEqual(
      await statuses(pending),
      pending.map(([state]) => state),
      "nothing due yet is touched",
    );
    assert.equal(await keeperNonce(), settled.length, "one transaction per expired order");

    // The index has not seen any of it: the same orders are due, and none is tried again.
    const again = await keeper.runOnce();
    assert.equal(again.due.length, expired.length);
    assert.deepEqual([again.sent, again.failed], [[], []]);
    assert.equal(await keeperNonce(), settled.length);

    await indexing.sync.runOnce();
    const caughtUp = await keeper.runOnce();
    assert.deepEqual(caughtUp.due, []);
    const metrics = keeper.metrics.render();
    for (const sample of [`keeper_sent_total ${settled.length}`, "keeper_failed_total 1", "keeper_due_orders 0"])
      assert.ok(metrics.includes(`${sample}\n`), `${sample} in\n${metrics}`);
  });

  it("retries dropped requests and 503s, sees through lost answers, and still sends each call once", async () => {
    const index = indexing;
    assert.ok(index, "the test before opened the index");
    const due: [string, PlacedOrder][] = [...pending];
    for (const state of ["Placed", "Accepted", "Shipped", "Disputed"] as const)
      for (const order of await ledger.orders(state, 2)) due.push([state, order]);
    await ledger.advance(30 * DAY);
    const nonceBefore = await keeperNonce();
    const proxy = await startFaultProxy(node.rpcUrl, {
      drop: 0.1,
      delay: 0,
      delayMs: 0,
      serverError: 0.1,
      maxLogRange: Number.MAX_SAFE_INTEGER,
      // The node takes every other transaction, but its answer never arrives.
      loseAnswers: { method: "eth_sendRawTransaction", every: 2 },
    });
    const keeper = new Keeper({
      db: index.database.db,
      caller: escrowCaller({ ...config(), rpcUrl: proxy.url, deployment: node.deployment }),
      config: config(),
      logger: silent,
    });
    const running = new AbortController();
    const loops = Promise.all([keeper.run(running.signal), index.sync.follow(running.signal)]);
    try {
      await until(
        "every order ended and the index caught up",
        async () => ({ statuses: await statuses(due), due: keeper.metrics.due, rounds: keeper.metrics.rounds }),
        (now) => now.rounds > 0 && now.due === 0 && now.statuses.every((status, i) => status === ENDS[due[i][0]]),
        60_000,
      );
    } finally {
      running.abort();
      await loops;
      await proxy.close();
    }
    assert.equal(await keeperNonce(), nonceBefore + due.length, "one transaction per expired order");
    assert.ok(proxy.counts.dropped > 0 && proxy.counts.serverErrors > 0 && proxy.counts.lostAnswers > 0);
    assert.deepEqual(
      [keeper.metrics.sent, keeper.metrics.failed],
      [due.length, 0],
      "every call known as sent, a lost answer included",
    );
  });
});

/** `npm run keeper -- --once` with `env`; its exit code, output and JSON log lines. */
async function runKeeperOnce(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["scripts/keeper/main.ts", "--once"], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const lines = output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, output, lines };
}
