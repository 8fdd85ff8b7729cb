import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CID } from "multiformats/cid";
import {
  HELLO_WORLD,
  HELLO_WORLD_CID_V1,
  UNKNOWN_CID,
  kuboRandomBytes,
  startTestNode,
  type TestNode,
} from "./fixture.ts";

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function pinned(node: TestNode): Promise<string[]> {
  const roots: string[] = [];
  for await (const pin of node.rpc.pin.ls()) roots.push(`${pin.cid} ${pin.type}`);
  return roots.sort();
}

describe("embedded node answers kubo-rpc-client", () => {
  let node: TestNode;
  before(async () => (node = await startTestNode({ maxUploadBytes: 4096 })));
  after(() => node.close());

  it("adds, pins by default and reads back, with offset and length", async () => {
    const { cid, size } = await node.rpc.add(HELLO_WORLD, { cidVersion: 1 });
    assert.equal(cid.toString(), HELLO_WORLD_CID_V1);
    assert.equal(size, 11);
    assert.equal((await collect(node.rpc.cat(cid))).toString(), "hello world");
    assert.equal((await collect(node.rpc.cat(cid, { offset: 6, length: 3 }))).toString(), "wor");
    assert.ok((await pinned(node)).includes(`${HELLO_WORLD_CID_V1} recursive`));
  });

  it("adds a directory tree wrapped in a directory and cats a file by path", async () => {
    const results = [];
    for await (const entry of node.rpc.addAll(
      [
        { path: "listing/meta.json", content: new TextEncoder().encode('{"title":"Mug"}') },
        { path: "listing/img/a.png", content: new Uint8Array([1, 2, 3]) },
      ],
      { cidVersion: 1, wrapWithDirectory: true },
    )) {
      results.push(entry);
    }
    assert.deepEqual(
      results.map((entry) => entry.path),
      ["listing/meta.json", "listing/img/a.png", "listing/img", "listing", ""],
    );
    const root = results.at(-1)?.cid;
    assert.ok(root);
    assert.equal((await collect(node.rpc.cat(`/ipfs/${root}/listing/meta.json`))).toString(), '{"title":"Mug"}');
  });

  it("pins idempotently, lists by path and type, and unpins", async () => {
    const { cid } = await node.rpc.add(new TextEncoder().encode("pin me"), { cidVersion: 1, pin: false });
    await assert.rejects(async () => {
      for await (const _ of node.rpc.pin.ls({ paths: [cid] }));
    }, /is not pinned/);
    assert.equal((await node.rpc.pin.add(cid)).toString(), cid.toString());
    assert.equal((await node.rpc.pin.add(cid)).toString(), cid.toString(), "second pin add is a no-op");
    const direct = await node.rpc.add(new TextEncoder().encode("direct"), { cidVersion: 1, pin: false });
    await node.rpc.pin.add(direct.cid, { recursive: false });
    const listed = [];
    for await (const pin of node.rpc.pin.ls({ paths: [cid, direct.cid] })) listed.push(`${pin.cid} ${pin.type}`);
    assert.deepEqual(listed.sort(), [`${cid} recursive`, `${direct.cid} direct`].sort());
    assert.equal((await node.rpc.pin.rm(cid)).toString(), cid.toString());
    await assert.rejects(node.rpc.pin.rm(cid), /not pinned/);
  });

  it("keeps pinned content through garbage collection and removes the rest", async () => {
    const keep = await node.rpc.add(kuboRandomBytes("keep", 600_000).subarray(0, 3000), { cidVersion: 1 });
    const drop = await node.rpc.add(new TextEncoder().encode("unpinned"), { cidVersion: 1, pin: false });
    const removed: string[] = [];
    for await (const result of node.rpc.repo.gc()) if (result.cid != null) removed.push(result.cid.toString());
    assert.ok(removed.includes(drop.cid.toString()), "unpinned raw block is reported as removed");
    assert.ok(!removed.includes(keep.cid.toString()));
    assert.equal((await collect(node.rpc.cat(keep.cid))).length, 3000);
    await assert.rejects(collect(node.rpc.cat(drop.cid)), /not found/);
  });

  it("fails fast on an unknown CID instead of searching a network", async () => {
    const started = Date.now();
    await assert.rejects(collect(node.rpc.cat(CID.parse(UNKNOWN_CID))), /block was not found locally/);
    await assert.rejects(node.rpc.pin.add(CID.parse(UNKNOWN_CID)), /not in the local store/);
    assert.ok(Date.now() - started < 2000);
  });

  it("refuses an upload over the size limit with 413", async () => {
    await assert.rejects(
      node.rpc.add(new Uint8Array(5000), { cidVersion: 1 }),
      (error: Error & { response?: Response }) => {
        assert.equal(error.response?.status, 413);
        assert.match(error.message, /larger than the limit of 4096 bytes/);
        return true;
      },
    );
  });

  it("answers version, rejects GET and unsupported add options", async () => {
    assert.match((await node.rpc.version()).version as string, /embedded-helia/);
    const get = await fetch(`${node.apiUrl}/version`);
    assert.equal(get.status, 405);
    await assert.rejects(node.rpc.add(HELLO_WORLD, { cidVersion: 1, trickle: true }), /trickle: is not supported/);
  });

  it("keeps blocks and pins in the data directory across restarts", async () => {
    const restarted = await startTestNode({}, node.dataDir);
    try {
      assert.equal((await collect(restarted.rpc.cat(CID.parse(HELLO_WORLD_CID_V1)))).toString(), "hello world");
      assert.ok((await pinned(restarted)).includes(`${HELLO_WORLD_CID_V1} recursive`));
    } finally {
      await restarted.close();
    }
  });
});
