import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { unixfs } from "@helia/unixfs";
import { createHeliaLight } from "helia";
import { importKubo, kuboAddParams } from "../../sdk/ipfs/kubo-import.ts";
import {
  DEMO_3MIB_CID,
  HELLO_WORLD,
  HELLO_WORLD_CID_V0,
  HELLO_WORLD_CID_V1,
  kuboRandomBytes,
  startTestNode,
  type TestNode,
} from "./fixture.ts";

const demo = kuboRandomBytes("demo", 3 * 1024 * 1024);

async function importedCid(bytes: Uint8Array, params = kuboAddParams()): Promise<string> {
  let root = "";
  for await (const entry of importKubo([{ content: bytes }], { put: async (cid) => cid }, params))
    root = entry.cid.toString();
  return root;
}

describe("CIDs equal Kubo's ipfs add", () => {
  let node: TestNode;
  before(async () => (node = await startTestNode()));
  after(() => node.close());

  it("gives Kubo's --cid-version=1 CID for 'hello world' (a single raw leaf)", async () => {
    assert.equal(await importedCid(HELLO_WORLD), HELLO_WORLD_CID_V1);
    assert.equal((await node.rpc.add(HELLO_WORLD, { cidVersion: 1 })).cid.toString(), HELLO_WORLD_CID_V1);
  });

  it("gives Kubo's default (CIDv0, no raw leaves) CID when the client sends no cid-version", async () => {
    assert.equal(await importedCid(HELLO_WORLD, kuboAddParams({ cidVersion: 0 })), HELLO_WORLD_CID_V0);
    assert.equal((await node.rpc.add(HELLO_WORLD)).cid.toString(), HELLO_WORLD_CID_V0);
  });

  it("gives Kubo's CID for the 3 MiB ChaCha20 'demo' vector (256 KiB chunks, 174 links)", async () => {
    assert.equal(await importedCid(demo), DEMO_3MIB_CID);
    const added = await node.rpc.add(demo, { cidVersion: 1 });
    assert.equal(added.cid.toString(), DEMO_3MIB_CID);
  });

  it("would give a different CID with @helia/unixfs defaults (1 MiB chunks, 1024 links)", async () => {
    const helia = createHeliaLight();
    await helia.start();
    try {
      const heliaDefault = await unixfs(helia).addBytes(demo);
      assert.equal(heliaDefault.toString(), "bafybeibw4a6rbksr6ys64x32cymvvf56grdao3p5ljtdgvyyfzr5symy7u");
      assert.notEqual(heliaDefault.toString(), DEMO_3MIB_CID);
    } finally {
      await helia.stop();
    }
  });
});
