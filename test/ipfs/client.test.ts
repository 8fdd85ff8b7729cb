import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { ConfigError, ValidationError } from "../../sdk/errors.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { readIpfsClientConfig } from "../../sdk/ipfs/config.ts";
import {
  CidMismatchError,
  ContentTooLargeError,
  IpfsNotFoundError,
  type IpfsTimeoutError,
} from "../../sdk/ipfs/errors.ts";
import {
  DEMO_3MIB_CID,
  HELLO_WORLD_CID_V1,
  UNKNOWN_CID,
  kuboRandomBytes,
  startTestNode,
  type TestNode,
} from "./fixture.ts";

/** An attacker's node: answers every cat with other bytes, or never answers at all. */
async function startLyingNode(behaviour: "wrong-bytes" | "silent"): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    if (behaviour === "silent") return;
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("hello wordl");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v0`, server };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe("IpfsClient", () => {
  let node: TestNode;
  before(async () => (node = await startTestNode()));
  after(() => node.close());

  it("adds with Kubo's --cid-version=1 parameters and reads back verified bytes", async () => {
    const demo = kuboRandomBytes("demo", 3 * 1024 * 1024);
    const cid = await node.client.add(demo);
    assert.equal(cid.toString(), DEMO_3MIB_CID);
    assert.deepEqual(await node.client.cat(cid), demo);
    assert.ok((await node.client.pins()).some((pin) => pin.equals(cid)));
  });

  it("pins, unpins and reports the backend version", async () => {
    const cid = await node.client.add(new TextEncoder().encode("later"), { pin: false });
    await node.client.pin(cid);
    await node.client.pin(cid);
    assert.ok((await node.client.pins()).some((pin) => pin.equals(cid)));
    await node.client.unpin(cid);
    assert.ok(!(await node.client.pins()).some((pin) => pin.equals(cid)));
    await assert.rejects(node.client.unpin(cid), IpfsNotFoundError);
    assert.match(await node.client.version(), /embedded-helia/);
  });

  it("throws IpfsNotFoundError for an unknown CID and ValidationError for a malformed one", async () => {
    await assert.rejects(node.client.cat(UNKNOWN_CID), IpfsNotFoundError);
    await assert.rejects(node.client.cat("not-a-cid"), (error: ValidationError) => error.field === "cid");
  });

  it("refuses content over maxBytes without reading all of it", async () => {
    const cid = await node.client.add(new Uint8Array(2048));
    await assert.rejects(node.client.cat(cid, { maxBytes: 1024 }), ContentTooLargeError);
  });

  it("rejects bytes that do not hash to the CID with CidMismatchError", async () => {
    const liar = await startLyingNode("wrong-bytes");
    try {
      const lied = new IpfsClient({ url: liar.url, timeoutMs: 5_000, maxBytes: 1024 });
      await assert.rejects(lied.cat(HELLO_WORLD_CID_V1), (error: CidMismatchError) => {
        assert.equal(error.name, "CidMismatchError");
        assert.equal(error.expected, HELLO_WORLD_CID_V1);
        assert.equal(error.retryable, false);
        return true;
      });
      await assert.rejects(lied.cat(DEMO_3MIB_CID), CidMismatchError);
    } finally {
      await closeServer(liar.server);
    }
  });

  it("gives up on a backend that never answers with a retryable IpfsTimeoutError", async () => {
    const silent = await startLyingNode("silent");
    try {
      const stalled = new IpfsClient({ url: silent.url, timeoutMs: 300, maxBytes: 1024 });
      const started = Date.now();
      await assert.rejects(
        stalled.cat(HELLO_WORLD_CID_V1),
        (error: IpfsTimeoutError) => error.name === "IpfsTimeoutError" && error.retryable,
      );
      assert.ok(Date.now() - started < 2_000);
    } finally {
      await closeServer(silent.server);
    }
  });

  it("reads its configuration from the environment and names a bad variable", () => {
    assert.deepEqual(readIpfsClientConfig({}), {
      url: "http://127.0.0.1:5001/api/v0",
      auth: undefined,
      timeoutMs: 30_000,
      maxBytes: 128 * 1024 * 1024,
    });
    assert.equal(readIpfsClientConfig({ IPFS_API_URL: "http://kubo:5001/api/v0" }).url, "http://kubo:5001/api/v0");
    assert.equal(readIpfsClientConfig({ IPFS_API_AUTH: "bearer:0123456789abcdef" }).auth, "bearer:0123456789abcdef");
    assert.throws(
      () => readIpfsClientConfig({ IPFS_API_URL: "kubo", IPFS_TIMEOUT_MS: "-1" }),
      (error: ConfigError) => {
        assert.match(error.message, /IPFS_API_URL/);
        assert.match(error.message, /IPFS_TIMEOUT_MS/);
        return true;
      },
    );
  });
});
