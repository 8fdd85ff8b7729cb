import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { HELLO_WORLD, HELLO_WORLD_CID_V1, UNKNOWN_CID, startTestNode, type TestNode } from "./fixture.ts";

const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("read-only gateway /ipfs/<cid>[/path]", () => {
  let node: TestNode;
  let dir = "";
  let big = "";
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${node.gatewayUrl}${path}`, { headers });

  before(async () => {
    node = await startTestNode({ maxResponseBytes: 1024 });
    await node.rpc.add(HELLO_WORLD, { cidVersion: 1 });
    for await (const entry of node.rpc.addAll(
      [
        { path: "site/index.html", content: new TextEncoder().encode("<h1>shop</h1>") },
        { path: "media/photo", content: PNG_1x1 },
        { path: "media/big.bin", content: new Uint8Array(4096) },
      ],
      { cidVersion: 1, wrapWithDirectory: true },
    )) {
      dir = entry.cid.toString();
      if (entry.path === "media/big.bin") big = entry.cid.toString();
    }
  });
  after(() => node.close());

  it("serves a file with an immutable cache policy, its CID as ETag and a sniffed type", async () => {
    const res = await get(`/ipfs/${HELLO_WORLD_CID_V1}`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "hello world");
    assert.equal(res.headers.get("etag"), `"${HELLO_WORLD_CID_V1}"`);
    assert.equal(res.headers.get("cache-control"), "public, max-age=29030400, immutable");
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.headers.get("accept-ranges"), "bytes");
    const photo = await get(`/ipfs/${dir}/media/photo`);
    assert.equal(photo.headers.get("content-type"), "image/png");
    assert.deepEqual(Buffer.from(await photo.arrayBuffer()), PNG_1x1);
  });

  it("answers If-None-Match with 304", async () => {
    const res = await get(`/ipfs/${HELLO_WORLD_CID_V1}`, { "If-None-Match": `"${HELLO_WORLD_CID_V1}"` });
    assert.equal(res.status, 304);
  });

  it("serves byte ranges with 206 and refuses unsatisfiable ones with 416", async () => {
    const first = await get(`/ipfs/${HELLO_WORLD_CID_V1}`, { Range: "bytes=0-4" });
    assert.equal(first.status, 206);
    assert.equal(first.headers.get("content-range"), "bytes 0-4/11");
    assert.equal(await first.text(), "hello");
    const suffix = await get(`/ipfs/${HELLO_WORLD_CID_V1}`, { Range: "bytes=-5" });
    assert.equal(await suffix.text(), "world");
    const open = await get(`/ipfs/${HELLO_WORLD_CID_V1}`, { Range: "bytes=6-" });
    assert.equal(await open.text(), "world");
    const beyond = await get(`/ipfs/${HELLO_WORLD_CID_V1}`, { Range: "bytes=20-30" });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get("content-range"), "bytes */11");
  });

  it("serves index.html for a directory and a listing otherwise", async () => {
    const site = await get(`/ipfs/${dir}/site`);
    assert.equal(site.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(await site.text(), "<h1>shop</h1>");
    const media = await (await get(`/ipfs/${dir}/media/`)).text();
    assert.match(media, /href="\/ipfs\/\w+\/media\/photo"/);
  });

  it("refuses a body over the size limit with 413 but serves a range of it, by path and by its raw CID", async () => {
    assert.match(big, /^bafkrei/, "big.bin is one raw block");
    for (const path of [`/ipfs/${dir}/media/big.bin`, `/ipfs/${big}`]) {
      const whole = await get(path);
      assert.equal(whole.status, 413);
      assert.match(await whole.text(), /limit of 1024 bytes/);
      const part = await get(path, { Range: "bytes=0-1023" });
      assert.equal(part.status, 206);
      assert.equal((await part.arrayBuffer()).byteLength, 1024);
    }
  });

  it("answers 400 for a malformed CID and 404 for unknown content or paths, without hanging", async () => {
    const bad = await get("/ipfs/not-a-cid");
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /not a valid CID/);
    const started = Date.now();
    const unknown = await get(`/ipfs/${UNKNOWN_CID}`);
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /not found on this node/);
    assert.ok(Date.now() - started < 2_000);
    assert.equal((await get(`/ipfs/${dir}/media/missing.png`)).status, 404);
  });

  it("confines every answer: a CSP sandbox with no script, nosniff, and HTML sent as a download", async () => {
    const html = await get(`/ipfs/${dir}/site/index.html`);
    const photo = await get(`/ipfs/${dir}/media/photo`);
    const listing = await get(`/ipfs/${dir}/media/`);
    const missing = await get(`/ipfs/${UNKNOWN_CID}`);
    for (const [what, response] of Object.entries({ html, photo, listing, missing })) {
      const policy = response.headers.get("content-security-policy") ?? "";
      assert.match(policy, /(^|; )sandbox($|;)/, what);
      assert.match(policy, /default-src 'none'/, what);
      assert.doesNotMatch(policy, /script-src/, what);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", what);
    }
    assert.equal(html.headers.get("content-disposition"), "attachment");
    assert.equal(photo.headers.get("content-disposition"), null, "images show inline");
    assert.equal((await get(`/ipfs/${HELLO_WORLD_CID_V1}`)).headers.get("content-disposition"), null, "text too");
  });

  it("answers HEAD without a body and refuses writes", async () => {
    const head = await fetch(`${node.gatewayUrl}/ipfs/${HELLO_WORLD_CID_V1}`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get("content-length"), "11");
    assert.equal(
      (await fetch(`${node.gatewayUrl}/ipfs/${HELLO_WORLD_CID_V1}`, { method: "PUT", body: "x" })).status,
      405,
    );
  });
});
