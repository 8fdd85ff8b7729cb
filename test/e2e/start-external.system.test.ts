import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphqlClient } from "../../scripts/merchant/lib/graphql.ts";
import { authorizationHeader } from "../../sdk/ipfs/auth.ts";
import { freePort } from "../helpers/ports.ts";
import { startPostgres, type Postgres } from "../indexer/helpers/postgres.ts";
import { launchStart, tail } from "../helpers/start-process.ts";

/** The standalone node's RPC takes this token, as a Kubo with API.Authorizations would. */
const RPC_AUTH = "bearer:external-kubo-token-0123456789";
const RPC_AUTHORIZATIONS = JSON.stringify({ ledger: { AuthSecret: RPC_AUTH, AllowedPaths: ["/api/v0"] } });

describe("npm start -- --rpc --database --ipfs (services running elsewhere)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "ledger-external-"));
  const services: ChildProcess[] = [];
  const outputs = new Map<ChildProcess, string>();
  let postgres: Postgres;
  let env: NodeJS.ProcessEnv;
  let flags: string[];
  let apiPort: number;

  before(async () => {
    const [chainPort, ipfsPort, rpcPort] = [await freePort(), await freePort(), await freePort()];
    apiPort = await freePort();
    services.push(serve(["node_modules/.bin/hardhat", "node", "--port", String(chainPort)], {}));
    services.push(
      serve(["ipfs-node/src/main.ts"], {
        IPFS_PORT: String(ipfsPort),
        IPFS_RPC_PORT: String(rpcPort),
        IPFS_RPC_AUTHORIZATIONS: RPC_AUTHORIZATIONS,
        IPFS_DATA_DIR: join(dataDir, "kubo"),
      }),
    );
    postgres = await startPostgres();
    await answers(
      `http://127.0.0.1:${chainPort}`,
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    );
    await answers(
      `http://127.0.0.1:${rpcPort}/api/v0/version`,
      "",
      { authorization: authorizationHeader(RPC_AUTH) },
      services[1],
    );
    flags = [
      "--rpc",
      `http://127.0.0.1:${chainPort}`,
      "--database",
      await postgres.createDatabase(),
      "--ipfs",
      `http://127.0.0.1:${rpcPort}/api/v0`,
    ];
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      DEPLOYMENTS_DIR: join(dataDir, "deployments"),
      PORT: String(apiPort),
      IPFS_API_AUTH: RPC_AUTH,
    };
  });

  after(async () => {
    for (const service of services) if (service.exitCode === null) process.kill(-service.pid!, "SIGTERM");
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("uses the external chain, IPFS and PostgreSQL to deploy, seed and index, starting no node or IPFS", async () => {
    const start = launchStart(env, flags);
    const ready = await start.ready;
    assert.equal(ready.database, "postgresql");
    assert.equal(ready.demo, "seeded");
    assert.equal(ready.ipfs_api_url, flags[5]);
    assert.equal(ready.gateway_url, undefined);
    assert.equal(start.logLine("local chain ready"), undefined);
    assert.equal(existsSync(join(dataDir, "chain")) || existsSync(join(dataDir, "ipfs")), false);
    assert.equal(ready.ipfs_api_auth, undefined, "no token of its own for an IPFS it did not start");
    assert.equal((await fetch(`http://127.0.0.1:${apiPort}/api/v0/version`, { method: "POST" })).status, 404);

    const demo = JSON.parse(readFileSync(join(dataDir, "demo", "accounts.json"), "utf8"));
    const api = new GraphqlClient(`http://127.0.0.1:${apiPort}/graphql`);
    const { merchant } = await api.request<{ merchant: { profile: { name: string } } }>(
      "query($a: Address!) { merchant(address: $a) { profile { name } } }",
      { a: demo.merchants[0].account },
    );
    assert.equal(merchant.profile.name, "Alpine Coffee Roasters");
    assert.equal(await start.interrupt(), 0);

    const again = launchStart(env, flags);
    assert.deepEqual([(await again.ready).demo, (await again.ready).deployment.endsWith("(kept)")], ["kept", true]);
    assert.equal(await again.interrupt(), 0);
  });

  it("rejects a bad flag by name, with its rule and a non-zero exit", async () => {
    const start = launchStart(env, ["--database", "mysql://db/ledger"]);
    assert.equal(await start.exited, 1);
    assert.match(start.output(), /--database: must be a postgres:\/\/ URL/);
  });

  /** Waits until `url` answers a POST of `body` with 2xx; fails at once, with its output, if `service` died. */
  async function answers(
    url: string,
    body: string,
    headers: Record<string, string> = {},
    service = services[0],
  ): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt++) {
      if (service.exitCode !== null || service.signalCode !== null)
        assert.fail(
          `${service.spawnargs.slice(1).join(" ")} died (${service.signalCode ?? `exit code ${service.exitCode}`}) ` +
            `before ${url} answered; its last output:\n${tail(outputs.get(service) ?? "")}`,
        );
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      }).catch(() => undefined);
      if (response?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`${url} did not answer`);
  }

  function serve(args: string[], extraEnv: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...extraEnv },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    outputs.set(child, "");
    const keep = (chunk: Buffer) => outputs.set(child, (outputs.get(child)! + chunk.toString()).slice(-20_000));
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    return child;
  }
});
