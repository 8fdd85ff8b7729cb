import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { readIpfsNodeConfig } from "../../ipfs-node/src/config.ts";
import type { ConfigError } from "../../sdk/errors.ts";
import { authorizationHeader } from "../../sdk/ipfs/auth.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { HELLO_WORLD, kuboMessage, startTestNode, type TestNode } from "./fixture.ts";

const ADMIN = "bearer:admin-token-0123456789";
const WRITER = "basic:merchants:writer-password-0123";
const AUTHORIZATIONS = {
  admin: { AuthSecret: ADMIN, AllowedPaths: ["/api/v0"] },
  merchants: { AuthSecret: WRITER, AllowedPaths: ["/api/v0/add", "/api/v0/cat", "/api/v0/version"] },
};

describe("the embedded node's RPC listener with Kubo's API.Authorizations", () => {
  let node: TestNode;
  let pinnedCid: string;
  const client = (auth?: string) => new IpfsClient({ url: node.apiUrl, auth, timeoutMs: 5_000, maxBytes: 1 << 20 });
  const call = (command: string, headers: Record<string, string> = {}, query = "") =>
    fetch(`${node.apiUrl}/${command}${query}`, { method: "POST", headers });
  const pins = async () => (await client(ADMIN).pins()).map(String);

  before(async () => {
    node = await startTestNode({ rpc: { host: "127.0.0.1", port: 0, authorizations: AUTHORIZATIONS } });
    pinnedCid = (await client(ADMIN).add(HELLO_WORLD)).toString();
  });
  after(() => node.close());

  it("refuses pin/rm, repo/gc, pin/ls and add without a credential (401), and nothing changes", async () => {
    const form = new FormData();
    form.append("file", new Blob(["anonymous upload"]), "a.txt");
    for (const response of [
      await call("pin/rm", {}, `?arg=${pinnedCid}`),
      await call("repo/gc"),
      await call("pin/ls"),
      await fetch(`${node.apiUrl}/add?cid-version=1`, { method: "POST", body: form }),
    ]) {
      assert.equal(response.status, 401, response.url);
      assert.deepEqual(await response.json(), { Message: "missing or wrong Authorization", Code: 1, Type: "error" });
    }
    assert.deepEqual(await pins(), [pinnedCid]);
    assert.equal(new TextDecoder().decode(await client(ADMIN).cat(pinnedCid)), "hello world");
  });

  it("refuses a wrong bearer token, a wrong password and a near miss alike", async () => {
    for (const secret of ["bearer:admin-token-0123456788", "basic:merchants:wrong", "admin-token-012345678"]) {
      const response = await call("repo/gc", { authorization: authorizationHeader(secret) });
      assert.equal(response.status, 401, secret);
    }
    await assert.rejects(client("bearer:not-the-admin-token").unpin(pinnedCid), /401|Authorization/);
    assert.deepEqual(await pins(), [pinnedCid]);
  });

  it("lets a user call only under its AllowedPaths (403 elsewhere)", async () => {
    const writer = client(WRITER);
    const added = await writer.add(new TextEncoder().encode("a merchant's document"));
    assert.equal(new TextDecoder().decode(await writer.cat(added)), "a merchant's document");
    assert.match(await writer.version(), /embedded-helia/);
    const gc = await call("repo/gc", { authorization: authorizationHeader(WRITER) });
    assert.equal(gc.status, 403);
    assert.match(await kuboMessage(gc), /merchants may not call \/api\/v0\/repo\/gc/);
    await assert.rejects(writer.unpin(pinnedCid), /may not call/);
    assert.ok((await pins()).includes(pinnedCid));
  });

  it("gives the full RPC to a user allowed /api/v0, whatever the case of the scheme", async () => {
    const response = await call("pin/ls", { authorization: authorizationHeader(ADMIN).replace("Bearer", "bEaReR") });
    assert.equal(response.status, 200);
    const extra = await client(ADMIN).add(new TextEncoder().encode("to unpin"));
    await client(ADMIN).unpin(extra);
    assert.ok(!(await pins()).includes(extra.toString()));
  });

  it("refuses requests from web pages even with a valid credential (Origin set)", async () => {
    const response = await call("version", { authorization: authorizationHeader(ADMIN), origin: "http://evil.test" });
    assert.equal(response.status, 403);
    assert.match(await kuboMessage(response), /web pages/);
  });

  it("serves no RPC on the gateway's listener", async () => {
    const response = await fetch(`${node.gatewayUrl}/api/v0/repo/gc`, { method: "POST" });
    assert.equal(response.status, 404);
    assert.ok((await pins()).includes(pinnedCid));
  });
});

describe("the RPC listener's settings", () => {
  const read = (env: NodeJS.ProcessEnv) => readIpfsNodeConfig(env).rpc;

  it("defaults to Kubo's 127.0.0.1:5001 and takes Kubo's Authorizations JSON", () => {
    assert.deepEqual(read({}), { host: "127.0.0.1", port: 5001, authorizations: undefined });
    const json = JSON.stringify(AUTHORIZATIONS);
    assert.deepEqual(read({ IPFS_RPC_AUTHORIZATIONS: json }).authorizations, AUTHORIZATIONS);
  });

  it("refuses an address other hosts reach without authorizations, and malformed or weak ones", () => {
    const refused = (env: NodeJS.ProcessEnv, pattern: RegExp) =>
      assert.throws(
        () => read(env),
        (error: ConfigError) => error.name === "ConfigError" && pattern.test(error.message),
      );
    refused({ IPFS_RPC_HOST: "0.0.0.0" }, /IPFS_RPC_HOST: 0\.0\.0\.0 is reachable from other hosts/);
    refused({ IPFS_RPC_AUTHORIZATIONS: "{not json" }, /IPFS_RPC_AUTHORIZATIONS: must be Kubo's/);
    refused({ IPFS_RPC_AUTHORIZATIONS: "{}" }, /names no user/);
    refused(
      { IPFS_RPC_AUTHORIZATIONS: JSON.stringify({ a: { AuthSecret: "bearer:short", AllowedPaths: ["/api/v0"] } }) },
      /at least 16 characters/,
    );
    refused(
      { IPFS_RPC_AUTHORIZATIONS: JSON.stringify({ a: { AuthSecret: ADMIN, AllowedPaths: ["/ipfs"] } }) },
      /must start with \/api\/v0/,
    );
    assert.equal(
      read({ IPFS_RPC_HOST: "0.0.0.0", IPFS_RPC_AUTHORIZATIONS: JSON.stringify(AUTHORIZATIONS) }).port,
      5001,
    );
  });

  it("turns Kubo's AuthSecret forms into the Authorization header", () => {
    assert.equal(authorizationHeader("bearer:abc"), "Bearer abc");
    assert.equal(authorizationHeader("abc"), "Bearer abc");
    assert.equal(authorizationHeader("basic:user:pass"), `Basic ${btoa("user:pass")}`);
    assert.equal(authorizationHeader(`basic:${btoa("user:pass")}`), `Basic ${btoa("user:pass")}`);
  });
});
