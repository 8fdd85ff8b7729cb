// npm run bench:api — the API under a storefront's traffic. Seeds a generated catalog (scripts/bench/catalog.ts)
// straight into the indexer's tables, starts the compiled API on 127.0.0.1 over it with the default cache
// settings, and loads it with autocannon in a child process (scripts/bench/load-worker.ts), 50 connections, while
// another (scripts/bench/health-probe.ts) times /health:
//   baseline            `{ __typename }`, the server's ceiling on this machine
//   search/detail/provenance   one body repeated: what the response cache answers
//   mixed               12,000 distinct bodies in rotation (2/3 searches with facets, 1/3 product pages),
//                       PGlite, 10k listings
//   mixedLive           the same while the index commits a block a second with listing changes
//   mixedPostgres100k   mixed on PostgreSQL with 100,000 listings
//   mixedPostgres1M     mixed on PostgreSQL with 1,000,000 listings
//   thumbnails          GET /ipfs/<cid> over 1,000 distinct ~20 KiB WebP thumbnails in the embedded IPFS node
//   staticFiles         GET of the same 1,000 files from the storefront's static route of the same server
// /health is asked every 50 ms during each mixed run, and so is an idle server in a process of its own: the floor
// the machine's busy cores put under any answer, beside which /health's time is read.
// BENCH_SCENARIOS=mixed,mixedLive picks scenarios; results are merged into bench/results/api.json as
// { rps, p50Ms, p99Ms } per scenario.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { connectDatabase, openDatabase, type Database } from "../../indexer/src/store/db.ts";
import { IpfsNode } from "../../ipfs-node/src/node.ts";
import { kuboAddParams } from "../../sdk/ipfs/kubo-import.ts";
import { startPostgres } from "../../test/indexer/helpers/postgres.ts";
import { benchQueries, merchantsFor, seedListings } from "./api-seed.ts";
import { startLiveIndex } from "./live-index.ts";
import type { Post } from "./load-worker.ts";
import { otherReadsMix, type ReadRequest } from "./other-reads-mix.ts";
import { requestMix } from "./request-mix.ts";
import { thumbnails } from "./thumbnails.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const WARMUP_S = 3;
const DISTINCT_BODIES = 12_000;
const THUMBNAILS = 1_000;
const RESULTS = join(ROOT, "bench/results/api.json");
const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
const wanted = process.env.BENCH_SCENARIOS?.split(",");
const runs = (scenario: string) => !wanted || wanted.includes(scenario);

interface Result {
  rps: number;
  p50Ms: number;
  p99Ms: number;
}
/** GraphQL bodies POSTed in rotation (some signed in), or paths fetched with GET in rotation. */
type Requests = Post[] | { paths: string[] };
interface Load extends Result {
  errors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
  firstError?: string;
  distinctBodies: number;
  healthP50Ms?: number | null;
  healthP99Ms?: number | null;
  /** The same probe's times of an idle server in its own process (health-probe.ts): what the machine alone costs. */
  idleServerP50Ms?: number | null;
  idleServerP99Ms?: number | null;
}

const { readApiConfig } = await import(join(ROOT, "api/dist/config.js"));
const { startApi } = await import(join(ROOT, "api/dist/server.js"));
const { SessionTokens } = await import(join(ROOT, "api/dist/auth/session-tokens.js"));
const API_ENV = {
  HOST: "127.0.0.1",
  PORT: "0",
  CHAIN_ID: "31337",
  SESSION_SECRET: "bench-secret-bench-secret-bench-secret",
  RATE_LIMIT_PER_MINUTE: "100000000",
  NODE_ENV: "production",
  // With `media`, its private RPC listener too: a free port, not Kubo's 5001.
  IPFS_RPC_PORT: "0",
};
/** Sessions as the API under test issues them at sign-in (the same secret), for the signed-in requests. */
const sessions = new SessionTokens(undefined, readApiConfig(API_ENV), logger);
const scratch = mkdtempSync(join(tmpdir(), "bench-api-"));
const results: Record<string, Result> = existsSync(RESULTS) && wanted ? JSON.parse(readFileSync(RESULTS, "utf8")) : {};
const details: Record<string, Load> = {};

/**
 * The load worker against `url` for `seconds`, sending the requests in rotation; with `healthUrl`, the /health probe
 * beside it, in a process of its own.
 */
async function load(url: string, requests: Requests, seconds: number, healthUrl?: string): Promise<Load> {
  const file = join(scratch, `requests-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(requests));
  const [loaded, health] = await Promise.all([
    childJson("load-worker.ts", [url, file, String(CONNECTIONS), String(seconds)]),
    healthUrl ? childJson("health-probe.ts", [healthUrl, String(seconds)]) : {},
  ]);
  return { ...loaded, ...health } as Load;
}

/** Runs scripts/bench/`script` with `args` in a child process; what it prints, as JSON. */
function childJson(script: string, args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts/bench", script), ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${script} exited ${code}`))));
  });
}

async function seeded(location: string, listings: number) {
  const started = performance.now();
  const database = await openDatabase(location);
  let last = 0;
  const seed = await seedListings(database, listings, (done) => {
    if (done - last >= 100_000) (last = done), logger.info({ seeded: done, of: listings }, "seeding");
  });
  logger.info(
    {
      listings,
      merchants: merchantsFor(listings),
      database: database.kind,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    },
    "seeded the indexer tables",
  );
  return { database, seed };
}

/** Runs `body` against an API over `database` with the default settings (and `media`, `storefrontDir`). */
async function withApi(
  database: Database,
  body: (urls: { origin: string; graphql: string; health: string }) => Promise<void>,
  options: { media?: IpfsNode; storefrontDir?: string } = {},
): Promise<void> {
  const env = { ...API_ENV, ...(options.storefrontDir ? { STOREFRONT_DIR: options.storefrontDir } : {}) };
  const api = await startApi({
    config: readApiConfig(env),
    database,
    media: options.media,
    logger: pino({ level: "warn" }),
  });
  try {
    await body({ origin: api.url, graphql: api.graphqlUrl, health: new URL("/health", api.graphqlUrl).toString() });
  } finally {
    await api.close();
  }
}

async function measure(scenario: string, url: string, requests: Requests, healthUrl?: string): Promise<void> {
  if (Array.isArray(requests)) {
    const [first] = requests;
    const { body, authorization } = typeof first === "string" ? { body: first, authorization: undefined } : first;
    const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
    const check = (await (await fetch(url, { method: "POST", headers, body })).json()) as { errors?: unknown };
    if (check.errors) throw new Error(`${scenario}: ${JSON.stringify(check.errors)}`);
  }
  const result = await load(url, requests, DURATION_S, healthUrl);
  if (result.non2xx || result.graphqlErrors)
    throw new Error(
      `${scenario}: ${result.non2xx} non-2xx, ${result.graphqlErrors} GraphQL errors, first: ${result.firstError}`,
    );
  if (result.errors)
    logger.warn({ scenario, errors: result.errors, timeouts: result.timeouts }, "requests timed out (30 s) or failed");
  results[scenario] = { rps: result.rps, p50Ms: result.p50Ms, p99Ms: result.p99Ms };
  details[scenario] = result;
  logger.info(
    {
      scenario,
      ...results[scenario],
      health_p99_ms: result.healthP99Ms,
      idle_server_p99_ms: result.idleServerP99Ms,
      distinct_bodies: result.distinctBodies,
    },
    "measured",
  );
}

/**
 * Waits until the API's search index is loaded: searches wait for it, so a run started earlier times the load. (The
 * replica is not ready without a deployment file, which the bench's reads do not need.)
 */
async function searchIndexLoaded(ready: URL): Promise<void> {
  const started = performance.now();
  for (;;) {
    const body = (await (await fetch(ready)).json()) as { searchIndexLoaded?: boolean; error?: string };
    if (body.searchIndexLoaded) break;
    if (performance.now() - started > 10 * 60_000)
      throw new Error(`the search index did not load: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  logger.info({ seconds: Math.round((performance.now() - started) / 100) / 10 }, "search index loaded");
}

/** The requests of a scenario, and others to warm the API up with. */
interface Mix {
  measured: Exclude<Requests, { paths: string[] }>;
  warmup: Exclude<Requests, { paths: string[] }>;
}
type Seed = Awaited<ReturnType<typeof seedListings>>;

const storefrontMix = ({ listingIds }: Seed): Mix => ({
  measured: requestMix(DISTINCT_BODIES, listingIds),
  warmup: requestMix(2_000, listingIds, 99),
});

const otherReads = async ({ activity, merchants }: Seed): Promise<Mix> => ({
  measured: await signedIn(otherReadsMix(DISTINCT_BODIES, activity, merchants)),
  warmup: await signedIn(otherReadsMix(2_000, activity, merchants, 99)),
});

/** The requests, those made as an account with the bearer token of a session of it. */
async function signedIn(requests: ReadRequest[]) {
  const tokens = new Map<string, string>();
  for (const { as } of requests)
    if (as && !tokens.has(as)) tokens.set(as, (await sessions.issue(as, 31337)).token as string);
  return requests.map(({ body, as }) => (as ? { body, authorization: `Bearer ${tokens.get(as)}` } : body));
}

/**
 * Seeds a new PostgreSQL database; the request mixes over it. The seed itself is not kept: a million listing ids
 * would sit in the heap of the API under test (it runs in this process), lengthening its collections.
 */
async function seededMixes(url: string, listings: number): Promise<{ storefront: Mix; otherReads: Mix }> {
  const { database, seed } = await seeded(url, listings);
  await database.close();
  return { storefront: storefrontMix(seed), otherReads: await otherReads(seed) };
}

/** A mixed scenario over a seeded database: warm-up on other bodies, then the measured run. */
async function mixed(
  scenario: string,
  database: Database,
  { measured: bodies, warmup }: Mix,
  during?: () => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  await withApi(database, async ({ graphql, health }) => {
    await searchIndexLoaded(new URL("/ready", graphql));
    await load(graphql, warmup, WARMUP_S);
    const side = await during?.();
    try {
      await measure(scenario, graphql, bodies, health);
    } finally {
      await side?.stop();
    }
  });
}

/**
 * thumbnails and staticFiles: the same distinct thumbnails added to an embedded IPFS node (as `ipfs add
 * --cid-version=1`, pinned) and written to a storefront directory, served by one API; after a warm-up of
 * each, GET in rotation from the gateway, then from the static route.
 */
async function media(): Promise<void> {
  const started = performance.now();
  const images = await thumbnails(THUMBNAILS);
  const node = await IpfsNode.open(join(scratch, "ipfs"));
  const site = join(scratch, "storefront");
  mkdirSync(join(site, "assets"), { recursive: true });
  writeFileSync(join(site, "index.html"), "<!doctype html><title>bench</title>\n");
  const gateway: string[] = [];
  const source = (async function* () {
    for (const content of images) yield { content };
  })();
  for await (const added of node.add(source, kuboAddParams(), { pin: true })) gateway.push(`/ipfs/${added.cid}`);
  const files = images.map((bytes, i) => {
    writeFileSync(join(site, "assets", `thumb-${i}.webp`), bytes);
    return `/assets/thumb-${i}.webp`;
  });
  if (new Set(gateway).size !== images.length) throw new Error("the thumbnails are not all distinct");
  const kib = images.map((image) => image.byteLength / 1024);
  logger.info(
    {
      thumbnails: images.length,
      min_kib: Math.round(Math.min(...kib) * 10) / 10,
      max_kib: Math.round(Math.max(...kib) * 10) / 10,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    },
    "added the thumbnails to the ipfs node and the static directory",
  );
  const database = await openDatabase("memory://");
  try {
    await withApi(
      database,
      async ({ origin }) => {
        for (const [kind, paths] of [
          ["gateway", gateway],
          ["static route", files],
        ] as const) {
          const response = await fetch(`${origin}${paths[0]}`);
          const bytes = new Uint8Array(await response.arrayBuffer());
          if (response.status !== 200 || Buffer.compare(bytes, images[0]) !== 0)
            throw new Error(`the ${kind} answered ${response.status} with other bytes than the thumbnail's`);
        }
        const scenarios = (
          [
            ["thumbnails", gateway],
            ["staticFiles", files],
          ] as const
        ).filter(([name]) => runs(name));
        for (const [, paths] of scenarios) await load(origin, { paths }, WARMUP_S);
        for (const [name, paths] of scenarios) await measure(name, origin, { paths });
      },
      { media: node, storefrontDir: site },
    );
  } finally {
    await database.close();
    await node.close();
  }
}

try {
  if (["baseline", "search", "detail", "provenance", "mixed", "mixedLive"].some(runs)) {
    const { database, seed } = await seeded("memory://", 10_000);
    const { listingIds } = seed;
    try {
      if (["baseline", "search", "detail", "provenance"].some(runs)) {
        const queries = benchQueries(seed);
        await withApi(database, async ({ graphql }) => {
          await load(graphql, [JSON.stringify(queries.baseline)], WARMUP_S);
          for (const name of ["baseline", "search", "detail", "provenance"].filter(runs))
            await measure(name, graphql, [JSON.stringify(queries[name])]);
        });
      }
      if (runs("mixed")) await mixed("mixed", database, storefrontMix(seed));
      if (runs("mixedLive")) {
        let live: Awaited<ReturnType<typeof startLiveIndex>> | undefined;
        const startLive = async () => (live = await startLiveIndex(database, listingIds));
        await mixed("mixedLive", database, storefrontMix(seed), startLive);
        logger.info({ blocks: live?.blocks() }, "blocks committed during mixedLive");
      }
    } finally {
      await database.close();
    }
  }
  const sizes = [
    ["mixedPostgres100k", "otherReadsPostgres100k", 100_000],
    ["mixedPostgres1M", "otherReadsPostgres1M", 1_000_000],
  ] as const;
  if (sizes.some(([storefront, other]) => runs(storefront) || runs(other))) {
    const postgres = await startPostgres();
    try {
      for (const [storefront, other, listings] of sizes.filter((names) => runs(names[0]) || runs(names[1]))) {
        const url = await postgres.createDatabase();
        const mixes = await seededMixes(url, listings);
        // The API's own connection pool, as `npm run api` opens it (the indexer's pool is smaller).
        const database = await connectDatabase(url);
        try {
          if (runs(storefront)) await mixed(storefront, database, mixes.storefront);
          if (runs(other)) await mixed(other, database, mixes.otherReads);
        } finally {
          await database.close();
        }
      }
    } finally {
      await postgres.stop();
    }
  }
  if (runs("thumbnails") || runs("staticFiles")) await media();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const baseline = results.baseline?.rps;
console.log(
  `\n${CONNECTIONS} connections, ${DURATION_S} s each; mixed: ${DISTINCT_BODIES} distinct bodies in rotation\n`,
);
console.log(
  "| scenario | req/s | p50 ms | p99 ms | / baseline | /health p50, p99 ms | idle server p50, p99 ms |\n" +
    "|---|---:|---:|---:|---:|---:|---:|",
);
const pair = (p50?: number | null, p99?: number | null) => (p99 == null ? "" : `${p50}, ${p99}`);
for (const [name, result] of Object.entries(results)) {
  const ratio = baseline && details.baseline && details[name] ? (result.rps / baseline).toFixed(3) : "";
  const { healthP50Ms, healthP99Ms, idleServerP50Ms, idleServerP99Ms } = details[name] ?? {};
  const health = `${pair(healthP50Ms, healthP99Ms)} | ${pair(idleServerP50Ms, idleServerP99Ms)}`;
  console.log(`| ${name} | ${result.rps} | ${result.p50Ms} | ${result.p99Ms} | ${ratio} | ${health} |`);
}
if (details.thumbnails && details.staticFiles)
  console.log(
    `\nthumbnails / staticFiles: ${(results.thumbnails.rps / results.staticFiles.rps).toFixed(2)} ` +
      `(${THUMBNAILS} distinct ~20 KiB files each)`,
  );
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
