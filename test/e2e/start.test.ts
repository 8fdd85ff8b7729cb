import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, getAddress, http, parseAbiItem, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { readDeployment } from "../../sdk/deployments.ts";
import { ORDER_STATUS_NAMES } from "../../sdk/statuses.ts";

const CHAIN_PORT = 18545;
const IPFS_PORT = 14001;

describe("npm start (local chain, deployment, embedded IPFS and demo data in one command)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "ledger-start-"));
  const deploymentsDir = join(dataDir, "deployments");
  let output = "";
  const start = spawn(process.execPath, ["scripts/start.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, DEPLOYMENTS_DIR: deploymentsDir, CHAIN_PORT: String(CHAIN_PORT), IPFS_PORT: String(IPFS_PORT), LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  start.stdout.on("data", (chunk) => (output += chunk));
  start.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => start.once("exit", resolve));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 150 s:\n${output.slice(-3000)}`)), 150_000);
    start.stdout.on("data", () => output.includes('"msg":"ready') && (clearTimeout(timer), resolve()));
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`exited with ${code} before ready:\n${output.slice(-3000)}`))));
  });
  const client = createPublicClient({ chain: hardhat, transport: http(`http://127.0.0.1:${CHAIN_PORT}`) });

  after(async () => {
    if (start.exitCode === null) start.kill("SIGKILL");
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
    for (const [state, orderId] of Object.entries(demo.orders as Record<string, string>)) {
      const [, status] = (await client.readContract({ address: contracts.OrderEscrow.address, abi: contracts.OrderEscrow.abi, functionName: "orderOf", args: [BigInt(orderId)] })) as [Address, number, number, Hex];
      assert.equal(ORDER_STATUS_NAMES[status], state, `order ${orderId}`);
    }
    const [, holder] = (await client.readContract({ address: contracts.Provenance.address, abi: contracts.Provenance.abi, functionName: "itemOf", args: [demo.provenance.itemId] })) as [unknown, Address];
    assert.equal(holder, getAddress(demo.buyers[0]));
    const reviews = await client.getLogs({ address: contracts.Reviews.address, event: parseAbiItem("event ReviewPosted(uint256 indexed orderId, address indexed buyer, uint8 rating, string reviewCid)"), fromBlock: 0n });
    assert.equal(reviews.length, 2);
  });

  it("serves the merchant profiles the chain points to through the embedded IPFS gateway", async () => {
    await ready;
    const { contracts } = readDeployment(31337, deploymentsDir);
    const applied = await client.getLogs({ address: contracts.MerchantRegistry.address, event: parseAbiItem("event MerchantApplied(address indexed merchant, address payout, string profileCid)"), fromBlock: 0n });
    assert.equal(applied.length, 3);
    const response = await fetch(`http://127.0.0.1:${IPFS_PORT}/ipfs/${applied[0].args.profileCid}`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { name: string }).name, "Alpine Coffee Roasters");
  });

  it("stops the chain and the IPFS node on SIGINT, leaving no process behind", async () => {
    await ready;
    start.kill("SIGINT");
    assert.equal(await exited, 0);
    await assert.rejects(client.getChainId());
    await assert.rejects(fetch(`http://127.0.0.1:${IPFS_PORT}/api/v0/version`, { method: "POST" }));
  });
});
