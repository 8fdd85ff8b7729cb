// What the storefront's in-memory catalog index costs the garbage collector: builds it from the generated catalog
// (scripts/bench/catalog.ts) and prints the build time, the heap it holds, the pause of a full collection (on the
// index's thread, the pause that stops every search) and a browse page. `npm run bench:catalog-memory -- 1000000`.
import { CatalogIndex, type CatalogQuery } from "../../api/src/listings/catalog/catalog-index.ts";
import { catalogProducts } from "./catalog-products.ts";

const count = Number(process.argv[2] ?? 1_000_000);
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error("run with node --expose-gc (npm run bench:catalog-memory does)");

const timed = (run: () => void) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

// The same process's pause before it holds the index: what a collection costs without it.
const emptyPauses = Array.from({ length: 7 }, () => timed(collect));
let index: CatalogIndex | undefined;
const buildMs = timed(() => (index = CatalogIndex.of(catalogProducts(count))));
collect();
const { heapUsed, arrayBuffers } = process.memoryUsage();
const pauses = Array.from({ length: 7 }, () => timed(collect));
const browse: CatalogQuery = { pieces: [], filter: {}, orderBy: "NEWEST", limit: 20 };
const browseMs = Array.from({ length: 21 }, () => timed(() => index!.search(browse)));
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const [empty, full] = [median(emptyPauses), median(pauses)];
console.log(`| products | build s | heap MiB | array buffers MiB | full GC ms (median of 7) | without the index | \
browse page ms |
|---:|---:|---:|---:|---:|---:|---:|
| ${index!.size} | ${(buildMs / 1000).toFixed(1)} | ${mb(heapUsed)} | ${mb(arrayBuffers)} | ${full.toFixed(0)} | \
${empty.toFixed(1)} (${(full / empty).toFixed(0)}x) | ${median(browseMs).toFixed(1)} |`);
