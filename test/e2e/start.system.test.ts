import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, createTestClient, getAddress, http, parseAbiItem, type Address, type Hex } from "viem";
import { mnemonicToAccount, privateKeyToAddress } from "viem/accounts";
import { hardhat } from "viem/chains";
import { readDeployment } from "../../sdk/deployments.ts";
import { ORDER_STATUS_NAMES } from "../../sdk/statuses.ts";
import { GraphqlClient } from "../../scripts/merchant/lib/graphql.ts";
import { DEMO_KEEPER_PRIVATE_KEY, DEMO_VOUCHER_CODE } from "../../scripts/start/demo.ts";
import { freePort } from "../helpers/ports.ts";
import { launchStart } from "../helpers/start-process.ts";
import { until } from "../helpers/until.ts";

const [CHAIN_PORT, IPFS_PORT, RPC_PORT] = [await freePort(), await freePort(), await freePort()];
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

describe("npm start (local chain, deployment, embedded IPFS and demo data in one command, kept on restart)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "ledger-start-"));
  const deploymentsDir = join(dataDir, "deployments");
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DEPLOYMENTS_DIR: deploymentsDir,
    CHAIN_PORT: String(CHAIN_PORT),
    IPFS_PORT: String(IPFS_PORT),
    IPFS_RPC_PORT: String(RPC_PORT),
  };
  let start = launchStart(env);
  const ready = start.ready;
  const client = createPublicClient({ chain: hardhat, transport: http(`http://127.0.0.1:${CHAIN_PORT}`) });

  after(async () => {
    await start.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("deploys and records every contract with its ABI and deploy block", async () => {
    await ready;
    const deployment = readDeployment(31337, deploymentsDir);
    for (const contract of Object.values(deployment.contracts)) {
      assert.notEqual(await client.getCode({ address: contract.address }), undefined);
      assert.ok(contract.abi.length > 0);
    }
    assert.equal(deployment.deployBlock, 1n);
  });

  it("seeds orders in every state, reviews and a provenance trace that ends with the buyer", async () => {
    await ready;
    const { contracts } = readDeployment(31337, deploymentsDir);
    const demo = JSON.parse(readFileSync(join(dataDir, "demo", "accounts.json"), "utf8"));
    for (const [state, orderId] of Object.entries(demo.orders as Record<string, string>))
      assert.equal(await statusOf(orderId), state, `order ${orderId}`);
    const [, holder] = (await client.readContract({
      address: contracts.Provenance.address,
      abi: contracts.Provenance.abi,
      functionName: "itemOf",
      args: [demo.provenance.itemId],
    })) as [unknown, Address];
    assert.equal(holder, getAddress(demo.buyers[0]));
    const reviews = await client.getLogs({
      address: contracts.Reviews.address,
      event: parseAbiItem(
        "event ReviewPosted(uint256 indexed orderId, address indexed buyer, uint8 rating, string reviewCid)",
      ),
      fromBlock: 0n,
    });
    assert.equal(reviews.length, 2);

    // Right after start, with no human action: the keeper completes the order its buyer never confirmed...
    await until(
      "the keeper completed the unconfirmed demo order",
      () => statusOf(demo.keeperCompletes),
      (status) => status === "Completed",
    );
    // ...and the first merchant's voucher code is published, for the checkout's code field.
    const alpine = new GraphqlClient(`http://127.0.0.1:${IPFS_PORT}/graphql`);
    await alpine.signIn(mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: 6 }));
    const { myVouchers } = await alpine.request<{ myVouchers: { code: string; bpsOff: number; status: string }[] }>(
      "{ myVouchers { code bpsOff status } }",
    );
    assert.deepEqual(myVouchers, [{ code: DEMO_VOUCHER_CODE, bpsOff: 1000, status: "Active" }]);
  });

  it("serves the merchant profiles the chain points to through the embedded IPFS gateway", async () => {
    await ready;
    const { contracts } = readDeployment(31337, deploymentsDir);
    const applied = await client.getLogs({
      address: contracts.MerchantRegistry.address,
      event: parseAbiItem("event MerchantApplied(address indexed merchant, address payout, string profileCid)"),
      fromBlock: 0n,
    });
    assert.equal(applied.length, 3);
    const response = await fetch(`http://127.0.0.1:${IPFS_PORT}/ipfs/${applied[0].args.profileCid}`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { name: string }).name, "Alpine Coffee Roasters");
  });

  it("keeps the shop's documents out of reach: no IPFS RPC on the public port, a token on the private", async () => {
    const ready = await start.ready;
    assert.equal(ready.ipfs_api_url, `http://127.0.0.1:${RPC_PORT}/api/v0`);
    assert.equal(ready.ipfs_api_auth, join(dataDir, "ipfs-rpc-token"));
    assert.equal(statSync(ready.ipfs_api_auth).mode & 0o777, 0o600, "the RPC token is the owner's alone");
    const api = new GraphqlClient(`http://127.0.0.1:${IPFS_PORT}/graphql`);
    const { listings } = await api.request<{ listings: { nodes: { media: { cid: string }[] }[] } }>(
      "{ listings(first: 1) { nodes { media { cid } } } }",
    );
    const image = listings.nodes[0].media[0].cid;
    const publicPort = `http://127.0.0.1:${IPFS_PORT}/api/v0`;
    for (const call of [`pin/rm?arg=${image}`, "repo/gc", "pin/ls", `cat?arg=${image}`])
      assert.equal((await fetch(`${publicPort}/${call}`, { method: "POST" })).status, 403, call);
    const form = new FormData();
    form.append("file", new Blob(["x".repeat(1000)]), "filler.bin");
    assert.equal((await fetch(`${publicPort}/add`, { method: "POST", body: form })).status, 401);
    for (const authorization of [undefined, "Bearer not-the-token"]) {
      const gc = await fetch(`${ready.ipfs_api_url}/repo/gc`, {
        method: "POST",
        headers: authorization ? { authorization } : {},
      });
      assert.equal(gc.status, 401, `repo/gc on the RPC port with ${authorization ?? "no"} credential`);
    }
    const served = await fetch(`http://127.0.0.1:${IPFS_PORT}/ipfs/${image}`);
    assert.equal(served.status, 200, "the product image is still served");
    assert.match(served.headers.get("content-type")!, /^image\//);
  });

  it("restarts on the same data directory: same chain, index, IPFS and sessions, no deploy or seed", async () => {
    const first = await ready;
    assert.equal(first.demo, "seeded");
    const demo = JSON.parse(readFileSync(join(dataDir, "demo", "accounts.json"), "utf8"));
    const auditor = new GraphqlClient(`http://127.0.0.1:${IPFS_PORT}/graphql`);
    // the demo's auditor sees every order
    await auditor.signIn(mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: 4 }));
    const before = await snapshot(demo, auditor);
    assert.equal(statSync(join(dataDir, "session-secret")).mode & 0o777, 0o600, "the session key is the owner's alone");
    assert.equal(await start.interrupt(), 0);

    start = launchStart(env);
    const again = await start.ready;
    assert.equal(again.demo, "kept");
    assert.equal(again.replayed_blocks, before.blocks.length);
    assert.match(again.deployment, /\(kept\)$/);
    assert.equal(start.logLine("deployed"), undefined);
    assert.deepEqual(
      await snapshot(demo, auditor),
      before,
      "the session signed in before the restart still reads every order",
    );
    assert.equal(JSON.parse(readFileSync(join(dataDir, "demo", "accounts.json"), "utf8")).token, demo.token);
  });

  it("runs the keeper, which ends the demo's open orders once their deadlines pass, each with one call", async () => {
    assert.equal((await start.ready).keeper, privateKeyToAddress(DEMO_KEEPER_PRIVATE_KEY));
    const demo = JSON.parse(readFileSync(join(dataDir, "demo", "accounts.json"), "utf8"));
    const ends = { Placed: "Reclaimed", Accepted: "Reclaimed", Shipped: "Completed", Disputed: "Resolved" };
    const clock = createTestClient({
      chain: hardhat,
      mode: "hardhat",
      transport: http(`http://127.0.0.1:${CHAIN_PORT}`),
    });
    // Past the ship-by (7 days), confirmation (14) and ruling (7) windows of every open demo order.
    await clock.increaseTime({ seconds: 15 * 86_400 });
    await clock.mine({ blocks: 1 });
    await until(
      "the demo's open orders ended",
      () => Promise.all(Object.keys(ends).map((state) => statusOf(demo.orders[state]))),
      (statuses) => statuses.join() === Object.values(ends).join(),
      60_000,
    );
    const keeper = privateKeyToAddress(DEMO_KEEPER_PRIVATE_KEY);
    // One call per order: these four, and the unconfirmed order it completed right after start.
    assert.equal(await client.getTransactionCount({ address: keeper }), Object.keys(ends).length + 1);
  });

  it("stops on SIGINT: the Hardhat node's process is gone and every port is free", async () => {
    await start.ready;
    const chainPid = start.logLine("local chain ready")?.pid as number;
    assert.ok(chainPid > 0);
    assert.equal(await start.interrupt(), 0);
    assert.throws(() => process.kill(chainPid, 0), { code: "ESRCH" });
    for (const port of [CHAIN_PORT, IPFS_PORT, RPC_PORT]) assert.equal(await portIsFree(port), true, `port ${port}`);
  });

  it("--reset starts afresh: a new chain and deployment, no demo accounts left", async () => {
    await start.exited;
    const sessionKey = readFileSync(join(dataDir, "session-secret"), "utf8");
    start = launchStart({ ...env, SEED_DEMO: "false" }, ["--reset"]);
    const fresh = await start.ready;
    assert.deepEqual([fresh.replayed_blocks, fresh.demo], [0, "skipped"]);
    assert.match(fresh.deployment, /\(deployed now\)$/);
    assert.equal(existsSync(join(dataDir, "demo", "accounts.json")), false);
    assert.notEqual(
      readFileSync(join(dataDir, "session-secret"), "utf8"),
      sessionKey,
      "a new session key: --reset ends every session",
    );
    assert.equal(await start.interrupt(), 0);
  });

  async function statusOf(orderId: string): Promise<string> {
    const { contracts } = readDeployment(31337, deploymentsDir);
    const [, status] = (await client.readContract({
      address: contracts.OrderEscrow.address,
      abi: contracts.OrderEscrow.abi,
      functionName: "orderOf",
      args: [BigInt(orderId)],
    })) as [Address, number, number, Hex];
    return ORDER_STATUS_NAMES[status];
  }

  /**
   * What a restart must keep: every block hash, the demo accounts' balances, the orders the auditor's session
   * reads and an IPFS document.
   */
  async function snapshot(
    demo: { buyers: Address[]; merchants: { account: Address }[]; orders: Record<string, string> },
    auditor: GraphqlClient,
  ) {
    const head = await client.getBlockNumber();
    const blocks = await Promise.all(
      Array.from({ length: Number(head) }, (_, i) =>
        client.getBlock({ blockNumber: BigInt(i + 1) }).then((block) => block.hash),
      ),
    );
    const accounts = [...demo.buyers, ...demo.merchants.map((merchant) => merchant.account)];
    const balances = await Promise.all(accounts.map((address) => client.getBalance({ address })));
    const { orders } = await auditor.request<{
      orders: { totalCount: number; nodes: { id: string; status: string; total: string }[] };
    }>("{ orders(first: 50) { totalCount nodes { id status total } } }");
    const { contracts } = readDeployment(31337, deploymentsDir);
    const [applied] = await client.getLogs({
      address: contracts.MerchantRegistry.address,
      event: parseAbiItem("event MerchantApplied(address indexed merchant, address payout, string profileCid)"),
      fromBlock: 0n,
    });
    assert.ok(orders.totalCount >= Object.keys(demo.orders).length);
    const profile = await (await fetch(`http://127.0.0.1:${IPFS_PORT}/ipfs/${applied.args.profileCid}`)).text();
    return { blocks, balances, orders, profile };
  }
});

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
