import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { privateKeyToAccount, generatePrivateKey } from "viem/accounts";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import { IpfsNode } from "../../ipfs-node/src/node.ts";
import { GraphqlClient } from "../../scripts/merchant/lib/graphql.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { kuboMessage } from "../ipfs/fixture.ts";
import { startTestApi } from "./helpers/api-server.ts";

const ADMIN = "bearer:operator-token-0123456789";
const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const MAX_UPLOAD = 4096;
const BYTES_PER_DAY = 6000;
const UPLOADS_PER_MINUTE = 14;

/** A session token of a fresh account, signed in through GraphQL as the storefront does. */
function signedIn(graphqlUrl: string, account = privateKeyToAccount(generatePrivateKey())): Promise<string> {
  return new GraphqlClient(graphqlUrl).signIn(account);
}

describe("the embedded IPFS node on the API's public port: gateway and signed-in uploads only", () => {
  let scratch: string;
  let database: Database;
  let media: IpfsNode;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let image: string;
  let token: string;
  const operator = () => new IpfsClient({ url: api.ipfsApiUrl!, auth: ADMIN, timeoutMs: 5_000, maxBytes: 1 << 20 });
  const post = (path: string, init: RequestInit = {}) => fetch(`${api.url}${path}`, { method: "POST", ...init });
  const upload = (
    bytes: Uint8Array<ArrayBuffer> | string,
    name: string,
    authorization?: string,
    query = "cid-version=1",
  ) => {
    const form = new FormData();
    form.append("file", new Blob([bytes]), name);
    return post(`/api/v0/add?${query}`, { body: form, headers: authorization ? { authorization } : {} });
  };

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), "media-upload-"));
    database = await openDatabase(join(scratch, "db"));
    media = await IpfsNode.open(join(scratch, "ipfs"));
    api = await startTestApi(
      database,
      {
        IPFS_RPC_AUTHORIZATIONS: JSON.stringify({ operator: { AuthSecret: ADMIN, AllowedPaths: ["/api/v0"] } }),
        MEDIA_UPLOAD_MAX_BYTES: String(MAX_UPLOAD),
        MEDIA_UPLOAD_BYTES_PER_DAY: String(BYTES_PER_DAY),
        MEDIA_UPLOADS_PER_MINUTE: String(UPLOADS_PER_MINUTE),
        GRAPHIQL: "false",
      },
      media,
    );
    image = (await operator().add(PNG_1x1)).toString();
    token = await signedIn(api.graphqlUrl);
  });

  after(async () => {
    await api?.close();
    await media?.close();
    await database?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("keeps the RPC off the public port: anonymous pin/rm, repo/gc, pin/ls, cat refused, the image stays", async () => {
    for (const path of [
      `/api/v0/pin/rm?arg=${image}`,
      "/api/v0/repo/gc",
      "/api/v0/pin/ls",
      `/api/v0/cat?arg=${image}`,
    ]) {
      const response = await post(path);
      assert.equal(response.status, 403, path);
      assert.match(await kuboMessage(response), /private listener/, path);
    }
    for (const path of [`/api/v0/pin/rm?arg=${image}`, "/api/v0/repo/gc"]) {
      const signedInCall = await post(path, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(signedInCall.status, 403, `${path} with a session`);
      const withSecret = await post(path, { headers: { authorization: "Bearer operator-token-0123456789" } });
      assert.equal(withSecret.status, 403, `${path} with the RPC's own secret`);
    }
    const served = await fetch(`${api.url}/ipfs/${image}`);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG_1x1);
    assert.deepEqual((await operator().pins()).map(String), [image]);
  });

  it("refuses an anonymous or forged add with 401 and stores nothing", async () => {
    // A body the client is still sending when the refusal comes: it is read and dropped, so the 401 arrives.
    const anonymous = await upload("a".repeat(3500), "a.txt");
    assert.equal(anonymous.status, 401);
    assert.match(await kuboMessage(anonymous), /sign in with Ethereum first/);
    const forged = await upload("forged bytes", "a.txt", `Bearer ${token.slice(0, -4)}AAAA`);
    assert.equal(forged.status, 401);
    assert.match(await kuboMessage(forged), /invalid session token/);
    assert.deepEqual((await operator().pins()).map(String), [image]);
  });

  it("stores a signed-in account's upload and serves it; an HTML page comes confined and as a download", async () => {
    const response = await upload(
      "<script>alert(localStorage.getItem('storefront.session.v1'))</script>",
      "evil.html",
      `Bearer ${token}`,
      "cid-version=1&wrap-with-directory=true",
    );
    assert.equal(response.status, 200);
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const directory = lines.at(-1).Hash;
    const page = await fetch(`${api.url}/ipfs/${directory}/evil.html`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(page.headers.get("content-disposition"), "attachment");
    assert.match(page.headers.get("content-security-policy")!, /default-src 'none'.*; sandbox$/);
    assert.equal(page.headers.get("x-content-type-options"), "nosniff");
    assert.ok((await operator().pins()).map(String).includes(directory), "the upload is pinned");
  });

  it("refuses an upload over MEDIA_UPLOAD_MAX_BYTES (413) and one without a Content-Length (411)", async () => {
    const big = await upload(new Uint8Array(MAX_UPLOAD + 1), "big.bin", `Bearer ${token}`);
    assert.equal(big.status, 413);
    assert.match(await kuboMessage(big), new RegExp(`at most ${MAX_UPLOAD} bytes`));
    const stream = new Blob(["streamed"]).stream();
    const chunked = await post("/api/v0/add", {
      body: stream,
      headers: { authorization: `Bearer ${token}`, "content-type": "multipart/form-data; boundary=x" },
      duplex: "half",
    } as RequestInit);
    assert.equal(chunked.status, 411);
  });

  it("answers a malformed multipart body or a bad chunk size with 400 naming it, and stores nothing", async () => {
    const pinsBefore = (await operator().pins()).map(String);
    const send = (body: string, contentType: string, query = "") =>
      post(`/api/v0/add${query}`, { body, headers: { authorization: `Bearer ${token}`, "content-type": contentType } });
    const cases: [Response, RegExp][] = [
      [await send("garbage", "multipart/form-data; boundary=xyz"), /body: malformed multipart/],
      [await send("--xyz--", "multipart/form-data"), /content-type: must be multipart\/form-data with a boundary/],
      [await send("text", "text/plain"), /content-type: must be multipart/],
      [await send("--xyz--", "multipart/form-data; boundary=xyz", "?chunker=size-0"), /chunker: size-<bytes> takes 1/],
    ];
    for (const [response, message] of cases) {
      assert.equal(response.status, 400);
      assert.match(await kuboMessage(response), message);
    }
    assert.deepEqual((await operator().pins()).map(String), pinsBefore);
  });

  it("answers 429 once an account's bytes for the day are used up, whichever session it signs in with", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const [first, second] = [await signedIn(api.graphqlUrl, account), await signedIn(api.graphqlUrl, account)];
    assert.equal((await upload(new Uint8Array(3000).fill(1), "a.bin", `Bearer ${first}`)).status, 200);
    const over = await upload(new Uint8Array(3000).fill(2), "b.bin", `Bearer ${second}`);
    assert.equal(over.status, 429);
    assert.match(await kuboMessage(over), new RegExp(`${BYTES_PER_DAY} upload bytes a day are used up`));
    assert.ok(Number(over.headers.get("retry-after")) > 3600);
    assert.equal((await upload("small", "c.txt", `Bearer ${token}`)).status, 200, "other accounts still upload");
  });

  it("limits uploads per client per minute (429 with Retry-After)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= UPLOADS_PER_MINUTE; i++) statuses.push((await upload(`n${i}`, "n.txt")).status);
    assert.equal(statuses.at(-1), 429);
    const limited = await upload("again", "n.txt", `Bearer ${token}`);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
  });

  it("gives the operator's credential the whole RPC on the private listener, and refuses a wrong one", async () => {
    assert.notEqual(new URL(api.ipfsApiUrl!).port, new URL(api.url).port);
    const cid = await operator().add(new TextEncoder().encode("operator's document"));
    assert.equal(new TextDecoder().decode(await operator().cat(cid)), "operator's document");
    const wrong = new IpfsClient({
      url: api.ipfsApiUrl!,
      auth: "bearer:operator-token-0123456788",
      timeoutMs: 5_000,
      maxBytes: 1024,
    });
    await assert.rejects(wrong.unpin(image), /Authorization/);
    const anonymous = await fetch(`${api.ipfsApiUrl}/repo/gc`, { method: "POST" });
    assert.equal(anonymous.status, 401);
    assert.ok((await operator().pins()).map(String).includes(image));
  });
});
