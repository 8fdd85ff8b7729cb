import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import { seedListings } from "../../scripts/bench/api-seed.ts";
import { startTestApi } from "./helpers/api-server.ts";

const SECRET = "outside-the-storefront-secret";

/** GET with the path sent exactly as written (fetch would normalize `..` and `%2e%2e` away). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: "GET" }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("the API's HTTP surface: storefront files, security headers, rate limit (Fastify plugins)", () => {
  let scratch: string;
  let database: Database;
  let api: Awaited<ReturnType<typeof startTestApi>>;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), "http-surface-"));
    const site = join(scratch, "site");
    mkdirSync(join(site, "assets"), { recursive: true });
    writeFileSync(join(site, "index.html"), "<!doctype html><title>shop</title>");
    writeFileSync(join(site, "assets", "app-3f2a1b.js"), "console.log(1)");
    writeFileSync(join(scratch, "secret.txt"), SECRET);
    database = await openDatabase(join(scratch, "db"));
    api = await startTestApi(database, {
      STOREFRONT_DIR: site,
      RATE_LIMIT_PER_MINUTE: "4",
      PUBLIC_URL: "https://shop.example",
      PUBLIC_RPC_URL: "https://rpc.shop.example/v1",
      API_MEDIA: "false",
      GRAPHIQL: "false",
    });
  });

  after(async () => {
    await api?.close();
    await database?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("refuses paths that climb out of the storefront directory (404 or 403, never the file)", async () => {
    for (const path of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/..%2fsecret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/assets//..%2f..%2fsecret.txt",
      "/%2e%2e%2fsecret.txt",
    ]) {
      const { status, body } = await rawGet(api.url, path);
      assert.ok(status === 404 || status === 403, `${path}: ${status}`);
      assert.ok(!body.includes(SECRET), path);
    }
  });

  it("serves files, index.html for client routes, immutable caching for hashed assets only", async () => {
    const asset = await fetch(`${api.url}/assets/app-3f2a1b.js`);
    assert.equal(asset.status, 200);
    assert.equal(await asset.text(), "console.log(1)");
    assert.equal(asset.headers.get("cache-control"), "public, max-age=31536000, immutable");
    const route = await fetch(`${api.url}/orders/7`);
    assert.equal(route.status, 200);
    assert.match(route.headers.get("content-type")!, /^text\/html/);
    assert.equal(route.headers.get("cache-control"), "no-cache");
    assert.equal((await fetch(`${api.url}/assets/missing.js`)).status, 404);
    assert.equal((await fetch(`${api.url}/graphql/anything`)).status, 404);
  });

  it("sends the security headers and Content-Security-Policy on the storefront's page, routes and assets", async () => {
    for (const path of ["/", "/listing/0x01", "/assets/app-3f2a1b.js"]) {
      const response = await fetch(`${api.url}${path}`);
      const csp = response.headers.get("content-security-policy")!;
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        // The published node too: the auditor area verifies exports against it.
        "connect-src 'self' https://shop.example https://rpc.shop.example",
        "frame-ancestors 'none'",
      ]) {
        assert.ok(csp.split(";").includes(directive), `${path}: ${directive} in ${csp}`);
      }
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      assert.equal(response.headers.get("x-frame-options"), "DENY");
      assert.equal(response.headers.get("referrer-policy"), "same-origin");
      assert.match(response.headers.get("strict-transport-security")!, /max-age=\d+/, "PUBLIC_URL is https");
      assert.equal(response.headers.get("cross-origin-opener-policy"), "same-origin");
    }
  });

  it("limits GraphQL per client with RATE_LIMITED, HTTP 429 and Retry-After; preflights do not count", async () => {
    const ask = (authorization?: string) =>
      fetch(`${api.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: '{"query":"{ __typename }"}',
      });
    const first = await fetch(`${api.url}/graphql?query=%7B__typename%7D`);
    assert.deepEqual(await first.json(), { data: { __typename: "Query" } });
    await fetch(`${api.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "http://elsewhere.example", "access-control-request-method": "POST" },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask("Bearer one")).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const limited = await ask();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    const body = (await limited.json()) as { errors: { extensions: { code: string } }[] };
    assert.equal(body.errors[0].extensions.code, "RATE_LIMITED");
  });
});

describe("CONCURRENT_QUERIES: GraphQL requests past the limit wait their turn", () => {
  it("answers every one of many concurrent requests, bad ones included, with one executing at a time", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "admission-"));
    const database = await openDatabase(join(scratch, "db"));
    const api = await startTestApi(database, { CONCURRENT_QUERIES: "1", API_MEDIA: "false" });
    try {
      const ask = (query: string) =>
        fetch(`${api.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query }),
        }).then(async (response) => [response.status, await response.json()] as const);
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => ask(i % 4 === 3 ? "{ __typename " : "{ __typename }")),
      );
      assert.deepEqual(
        answers.map(([status, body]) => [status, body.data?.__typename ?? body.errors?.[0]?.extensions?.code]),
        Array.from({ length: 12 }, (_, i) => [200, i % 4 === 3 ? "GRAPHQL_PARSE_FAILED" : "Query"]),
      );
      assert.deepEqual(await ask("{ __typename }"), [200, { data: { __typename: "Query" } }], "no slot was kept");
    } finally {
      await api.close();
      await database.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("skips a waiting request whose client hung up, and keeps no slot for it", async () => {
    const database = await openDatabase("memory://");
    await seedListings(database, 300);
    const api = await startTestApi(database, { CONCURRENT_QUERIES: "1", API_MEDIA: "false" });
    /** Asks /metrics until `done` holds of the metric's value (a few ms apart), failing after 10 s. */
    const until = async (name: string, done: (value: number) => boolean) => {
      for (const deadline = performance.now() + 10_000; !done(await metric(name)); ) {
        assert.ok(performance.now() < deadline, `${name} never reached the value the test waits for`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    const metric = async (name: string) => {
      const text = await (await fetch(`${api.url}/metrics`)).text();
      return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)![1]);
    };
    const { hostname, port } = new URL(api.url);
    try {
      const requestsBefore = await metric("api_graphql_requests_total");
      // Distinct pages (a repeated request would be answered from the cache), ten searches each: a queue of work.
      const pages = Array.from({ length: 12 }, (_, page) => {
        const searches = Array.from(
          { length: 10 },
          (_, i) => `p${page}s${i}: listings(first: ${20 + i}) { nodes { id title merchant { address } } }`,
        );
        return fetch(`${api.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ ${searches.join(" ")} }` }),
        }).then((response) => response.status);
      });
      await until("api_graphql_requests_total", (total) => total >= requestsBefore + pages.length);
      const body = JSON.stringify({ query: "{ hungUp: __typename }" });
      const hangingUp = request({
        hostname,
        port,
        path: "/graphql",
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      });
      hangingUp.on("error", () => {}); // the hang-up below
      hangingUp.end(body);
      // It arrived after every page and still waits: it is last in the queue (turns go in order of arrival).
      await until("api_graphql_requests_total", (total) => total >= requestsBefore + pages.length + 1);
      assert.ok((await metric("api_graphql_waiting")) > 0, "the hanging-up request waits behind the pages");
      hangingUp.destroy();
      assert.deepEqual(
        await Promise.all(pages),
        pages.map(() => 200),
      );
      await until("api_graphql_waiting", (waiting) => waiting === 0);
      assert.equal(await metric("api_graphql_abandoned_total"), 1);
      const answer = await fetch(`${api.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      assert.deepEqual(await answer.json(), { data: { __typename: "Query" } }, "no slot was kept");
    } finally {
      await api.close();
      await database.close();
    }
  });
});
