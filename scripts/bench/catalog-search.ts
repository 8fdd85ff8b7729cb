// How long one search holds the catalog index's thread: builds the index from the generated catalog and runs each
// search of bench:api's request mix (scripts/bench/request-mix.ts) against it, one at a time, as that thread does,
// printing the distribution of those times by kind of search. Searches queue on that one thread, so its time is how
// long the searches behind it wait.
//   npm run bench:catalog-search -- 100000
import { CatalogIndex, type CatalogQuery } from "../../api/src/listings/catalog/catalog-index.ts";
import { queryPieces } from "../../api/src/listings/catalog/terms.ts";
import type { ListingFilter, ListingOrder } from "../../api/src/listings/listing-search.ts";
import { listingIdOf } from "./api-seed.ts";
import { catalogProducts } from "./catalog-products.ts";
import { percentile } from "./percentile.ts";
import { requestMix } from "./request-mix.ts";

const count = Number(process.argv[2] ?? 100_000);
const SEARCHES = 4_000;

const index = CatalogIndex.of(catalogProducts(count));
const bodies = requestMix(
  SEARCHES * 2,
  Array.from({ length: count }, (_, i) => listingIdOf(i)),
)
  .map((body) => JSON.parse(body) as { variables: { s?: string | null; f?: ListingFilter; o?: ListingOrder } })
  .filter(({ variables }) => "o" in variables)
  .slice(0, SEARCHES);

const kindOf = ({ s, o }: { s?: string | null; o?: ListingOrder }) =>
  !s
    ? "browse a category"
    : `${s.includes(" ") ? "two words" : "one word"}, ${o === "RELEVANCE" ? "by relevance" : "sorted"}`;
const times = new Map<string, number[]>();
for (const { variables } of bodies) {
  const query: CatalogQuery = {
    pieces: queryPieces(variables.s ?? ""),
    filter: variables.f ?? {},
    orderBy: variables.o ?? "RELEVANCE",
    limit: 21,
  };
  const started = performance.now();
  index.search(query);
  const elapsed = performance.now() - started;
  const kind = kindOf(variables);
  if (!times.has(kind)) times.set(kind, []);
  times.get(kind)!.push(elapsed);
}

console.log(`${index.size} products, ${bodies.length} searches of the request mix, one at a time\n`);
// The mean is what bounds the thread's throughput: searches a second = 1000 / mean ms.
console.log("| searches | count | mean ms | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|");
for (const [kind, values] of [...times, ["all", [...times.values()].flat()] as const]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  const cells = [0.5, 0.99, 1].map((p) => percentile(sorted, p)!.toFixed(2));
  console.log(`| ${kind} | ${sorted.length} | ${mean.toFixed(2)} | ${cells.join(" | ")} |`);
}
