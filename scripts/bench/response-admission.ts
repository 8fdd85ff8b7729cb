// npm run bench:response-admission — the response cache's admission rule under a storefront's repeated requests.
// Streams of 300,000 request keys drawn from Zipf distributions (skew 0.6, 0.8 and 1.0 over 12,000 and 100,000
// distinct requests) are replayed through a store of 1,000 responses (api/src/common/response-store.ts) under two
// rules, in this one process:
//   second sighting   store every miss seen before among the last 20,000 requests (the rule before session 15)
//   TinyLFU           the same, but a full store admits a request only if it was seen more often than the least
//                     recently used response's (ResponseStore.admits, as api/src/common/response-cache.ts does)
// Prints each rule's hit rate and the share of requests that stored a response: a store costs about a second
// execution of its request (docs/api.md, session 15).
import type { ExecutionResult } from "graphql";
import { BoundedMap } from "../../api/src/common/bounded-map.ts";
import { ResponseStore, Sightings } from "../../api/src/common/response-store.ts";
import { randomSource, Zipf } from "./catalog.ts";

const REQUESTS = 300_000;
const STORED = 1_000;
const SIGHTED = 20_000;
const RESPONSE: ExecutionResult = { data: {} };

interface Outcome {
  hits: number;
  stores: number;
}

function secondSighting(stream: string[]): Outcome {
  const sighted = new BoundedMap<string, true>(SIGHTED);
  const store = new ResponseStore(STORED);
  const outcome = { hits: 0, stores: 0 };
  for (const key of stream) {
    const seenBefore = sighted.has(key);
    sighted.set(key, true);
    if (store.get(key)) outcome.hits++;
    else if (seenBefore) {
      store.set(key, RESPONSE, [], Infinity);
      outcome.stores++;
    }
  }
  return outcome;
}

function tinyLfu(stream: string[]): Outcome {
  const sightings = new Sightings(SIGHTED);
  const store = new ResponseStore(STORED);
  const outcome = { hits: 0, stores: 0 };
  for (const key of stream) {
    const seen = sightings.see(key);
    if (store.get(key)) outcome.hits++;
    else if (seen > 1 && store.admits(seen, (other) => sightings.count(other))) {
      store.set(key, RESPONSE, [], Infinity);
      outcome.stores++;
    }
  }
  return outcome;
}

const percent = (count: number) => `${((100 * count) / REQUESTS).toFixed(1)}%`;
console.log("| skew | distinct requests | second sighting: hits | stores | TinyLFU: hits | stores |");
console.log("|---:|---:|---:|---:|---:|---:|");
for (const skew of [0.6, 0.8, 1.0])
  for (const distinct of [12_000, 100_000]) {
    const zipf = new Zipf(distinct, skew);
    const random = randomSource(7);
    const stream = Array.from({ length: REQUESTS }, () => `request-${zipf.draw(random)}`);
    const [before, after] = [secondSighting(stream), tinyLfu(stream)];
    const cells = [
      skew.toFixed(1),
      distinct.toLocaleString("en"),
      ...[before, after].flatMap(({ hits, stores }) => [percent(hits), percent(stores)]),
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
