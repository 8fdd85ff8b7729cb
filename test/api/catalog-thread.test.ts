import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CatalogIndex, type CatalogQuery } from "../../api/src/listings/catalog/catalog-index.ts";
import { CatalogThread } from "../../api/src/listings/catalog/catalog-thread.ts";
import { queryPieces } from "../../api/src/listings/catalog/terms.ts";
import { catalogProducts } from "../../scripts/bench/catalog-products.ts";

const products = [...catalogProducts(4_000)];
const queries: CatalogQuery[] = ["", "tea", "org", "coffee bean", "咖啡"].flatMap((text) =>
  (["RELEVANCE", "PRICE_ASC", "NEWEST"] as const).map((orderBy) => ({
    pieces: queryPieces(text),
    filter: { inStock: true },
    orderBy,
    limit: 21,
  })),
);

/** A thread that records its losses, stopped after `use`. */
async function withThread(heapLimitMiB: number, use: (thread: CatalogThread, losses: Error[]) => Promise<void>) {
  const losses: Error[] = [];
  const thread = new CatalogThread(heapLimitMiB, (error) => losses.push(error));
  try {
    await use(thread, losses);
  } finally {
    await thread.stop();
  }
}

describe("the catalog index on its own thread", () => {
  it("answers as the index does in this thread, loaded in chunks, and applies changes before later searches", () =>
    withThread(512, async (thread) => {
      await thread.load(products.slice(0, 1_000), true);
      await thread.load(products.slice(1_000), false);
      assert.equal((await thread.build()).products, products.length);
      const here = CatalogIndex.of(products);
      for (const query of queries) assert.deepEqual(await thread.search(query), here.search(query));

      const [first, second] = products;
      const changed = { ...first, id: `0x${"ab".repeat(32)}`, searchText: "zanzibar clove", inStock: true };
      here.put(changed);
      here.delete(second.key);
      const applying = thread.apply([changed], [second.key]);
      const searching = thread.search({ pieces: queryPieces("zanzibar"), filter: {}, orderBy: "NEWEST", limit: 5 });
      assert.deepEqual(await applying, { wantsRebuild: false });
      assert.deepEqual(
        (await searching).rows.map((row) => row.id),
        [changed.id],
      );
      for (const query of queries) assert.deepEqual(await thread.search(query), here.search(query));
    }));

  it("refuses a search before any index is built, and a new load drops the products of one left unbuilt", () =>
    withThread(512, async (thread, losses) => {
      await assert.rejects(thread.search(queries[0]), /the catalog index is not loaded/);
      await thread.load(products, true);
      await thread.load(products.slice(0, 10), true);
      assert.equal((await thread.build()).products, 10);
      assert.deepEqual(losses, []);
    }));

  it("fails the requests of a thread that ran out of heap, reports the loss, and starts a new thread after it", () =>
    withThread(16, async (thread, losses) => {
      const loads = Array.from({ length: 20 }, (_, i) => thread.load(products, i === 0));
      await assert.rejects(Promise.all(loads), /out of memory/i);
      assert.equal(losses.length, 1);
      await thread.load(products.slice(0, 100), true);
      assert.equal((await thread.build()).products, 100);
    }));

  it("refuses to build from a load that did not start on this thread (its first chunks died with the last one)", () =>
    withThread(512, async (thread) => {
      await assert.rejects(thread.load(products.slice(10), false), /no load was started on this catalog thread/);
      await assert.rejects(thread.build(), /no load was started on this catalog thread/);
    }));

  it("fails requests still unanswered when it is stopped, and any made after", async () => {
    const thread = new CatalogThread(512, () => assert.fail("a stop is not a loss"));
    const loading = assert.rejects(thread.load(products, true), /the catalog thread was stopped/);
    await thread.stop();
    await loading;
    await assert.rejects(thread.search(queries[0]), /the catalog thread was stopped/);
  });
});
