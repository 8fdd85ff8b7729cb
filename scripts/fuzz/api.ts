// `npm run fuzz:api`: hostile requests (scripts/fuzz/cases.ts) against a real API server, started here over a
// seeded PGlite catalog with the embedded IPFS node's gateway and uploads. Reports counts by status and by family,
// and exits 1 on any 5xx, any request without an answer in REQUEST_TIMEOUT_MS (a hang or a crash), or memory that
// keeps growing (the live heap, sampled after full collections). Options: --count (10000), --seed (1),
// --concurrency (8).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { openDatabase } from "../../indexer/src/store/db.ts";
import { IpfsNode } from "../../ipfs-node/src/node.ts";
import { kuboAddParams } from "../../sdk/ipfs/kubo-import.ts";
import { seedListings } from "../bench/api-seed.ts";
import { randomSource } from "../bench/catalog.ts";
import { type FuzzCase, nextCase, type Targets } from "./cases.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * The live heap (after a full collection) may grow this much over the last quarter of a run, and no more. The
 * earlier part fills what the server bounds: yoga's parse and validation caches, the response and search caches
 * (1,000 entries each), the response cache's recent keys; a 40,000-case run grew 86 → 418 MiB by case 14,000, then
 * 4% over its last 10,000 (a 10,000-case run: 13%). A leak of 40 KB per request shows as 25% over the last
 * quarter of 10,000 cases. Runs shorter than MEMORY_CHECK_FROM cases are too short to tell.
 */
const MAX_HEAP_GROWTH = 1.25;
const MEMORY_CHECK_FROM = 5_000;
const SAMPLE_EVERY = 250;
/** With --expose-gc (npm run fuzz:api), heap samples are taken after a full collection. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    concurrency: { type: "string", default: "8" },
  },
});
const [count, seed, concurrency] = (["count", "seed", "concurrency"] as const).map((name) => {
  const value = Number(values[name]);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`--${name}: must be a whole number of at least 1, got "${values[name]}"`);
    process.exit(2);
  }
  return value;
});

const scratch = mkdtempSync(join(tmpdir(), "fuzz-api-"));
const { readApiConfig } = await import(join(ROOT, "api/dist/config.js"));
const { startApi } = await import(join(ROOT, "api/dist/server.js"));
const database = await openDatabase("memory://");
const { listingIds } = await seedListings(database, 200);
const media = await IpfsNode.open(join(scratch, "ipfs"));
let cid = "";
const file = (async function* () {
  yield { content: new TextEncoder().encode("a file the gateway cases ask for") };
})();
for await (const added of media.add(file, kuboAddParams(), { pin: true })) cid = added.cid.toString();
mkdirSync(join(scratch, "storefront", "assets"), { recursive: true });
writeFileSync(join(scratch, "storefront", "index.html"), "<!doctype html><title>fuzz</title>\n");
const api = await startApi({
  config: readApiConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    CHAIN_ID: "31337",
    SESSION_SECRET: "fuzz-secret-fuzz-secret-fuzz-secret!",
    // The limiter would answer most of a fast run with 429 before the handlers see it.
    RATE_LIMIT_PER_MINUTE: "100000000",
    NODE_ENV: "production",
    API_MEDIA: "true",
    IPFS_RPC_PORT: "0",
    STOREFRONT_DIR: join(scratch, "storefront"),
  }),
  database,
  media,
  logger: pino({ level: "silent" }),
});
const origin = api.url as string;

const byStatus = new Map<string, number>();
const byFamily = new Map<string, Map<string, number>>();
const failures: string[] = [];
const heap: number[] = [];
const random = randomSource(seed);
const targets: Targets = { listingIds, cid, sessionToken: await signedInToken() };
const started = performance.now();
let sent = 0;
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - started) / 1000;
await api.close();
await media.close();
await database.close();
rmSync(scratch, { recursive: true, force: true });

const warm = heap[Math.floor((heap.length * 3) / 4)] ?? 0;
const end = median(heap.slice(-3));
if (count >= MEMORY_CHECK_FROM && end > warm * MAX_HEAP_GROWTH)
  failures.push(`memory kept growing: ${mib(warm)} MiB of live heap at three quarters, ${mib(end)} MiB at the end`);
console.log(
  JSON.stringify(
    {
      cases: count,
      seed,
      concurrency,
      seconds: Number(seconds.toFixed(1)),
      byStatus: Object.fromEntries([...byStatus].sort()),
      byFamily: Object.fromEntries([...byFamily].map(([family, statuses]) => [family, Object.fromEntries(statuses)])),
      heapMiB: { threeQuarters: mib(warm), end: mib(end) },
      failures: failures.slice(0, 20),
      failureCount: failures.length,
    },
    null,
    2,
  ),
);
process.exit(failures.length > 0 ? 1 : 0);

async function worker(): Promise<void> {
  while (sent < count) {
    const index = sent++;
    const fuzzCase = nextCase(random, targets);
    const status = await send(fuzzCase);
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    const family = byFamily.get(fuzzCase.family) ?? new Map<string, number>();
    byFamily.set(fuzzCase.family, family.set(status, (family.get(status) ?? 0) + 1));
    if (!/^[1-4]\d\d$/.test(status))
      failures.push(`case ${index} (${fuzzCase.family}): ${status}: ${describe(fuzzCase)}`);
    if (index % SAMPLE_EVERY === 0) {
      collectGarbage();
      heap.push(process.memoryUsage().heapUsed);
    }
  }
}

/** The status code, or why there was none. */
async function send({ method, path, headers, body }: FuzzCase): Promise<string> {
  try {
    // Joined as text: new URL("//etc/passwd", origin) would leave the server for a host named "etc".
    const response = await fetch(`${origin}${path}`, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: "manual",
    });
    await response.arrayBuffer();
    return String(response.status);
  } catch (error) {
    const name = (error as Error).name;
    return name === "TimeoutError" ? "timeout" : `no answer (${(error as Error).message})`;
  }
}

/** A session of a fresh account, as a buyer signs in, so the upload and session cases reach past the guard. */
async function signedInToken(): Promise<string> {
  const account = privateKeyToAccount(generatePrivateKey());
  const call = async (query: string, variables?: unknown) =>
    (await (
      await fetch(new URL("/graphql", origin), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as { data: Record<string, Record<string, string | number>> };
  const { nonce } = (await call("mutation { nonce { nonce domain uri chainId } }")).data;
  const message = createSiweMessage({
    address: account.address,
    chainId: Number(nonce.chainId),
    domain: String(nonce.domain),
    nonce: String(nonce.nonce),
    uri: String(nonce.uri),
    version: "1",
  });
  const signature = await account.signMessage({ message });
  const signIn = "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }";
  return String((await call(signIn, { m: message, s: signature })).data.signIn.token);
}

function describe({ method, path, headers, body }: FuzzCase): string {
  const text = typeof body === "string" ? body : "";
  return `${method} ${path.slice(0, 120)} ${JSON.stringify(headers).slice(0, 120)} ${text.slice(0, 200)}`;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}
