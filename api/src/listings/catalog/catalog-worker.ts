// The catalog index's own thread (see catalog-thread.ts): it answers CatalogRequests in the order they arrive.
import { parentPort } from "node:worker_threads";
import type { SearchPage } from "../listing-search.ts";
import { type CatalogProduct, CatalogIndex } from "./catalog-index.ts";
import type { CatalogReply, CatalogRequest } from "./catalog-thread.ts";

let index: CatalogIndex | undefined;
/** Products of a load in progress, kept until `build`; none when no load was started on this thread. */
let loading: CatalogProduct[] | undefined;

function answer(request: CatalogRequest): unknown {
  switch (request.op) {
    case "load":
      if (request.first) loading = [];
      // A thread started in the middle of a load (the last one was lost) must not build from its later chunks.
      if (!loading) throw new Error("no load was started on this catalog thread");
      loading.push(...request.products);
      return null;
    case "build": {
      if (!loading) throw new Error("no load was started on this catalog thread");
      // Searches wait while the replica reloads, so the old index need not outlive the new one's build.
      index = undefined;
      index = CatalogIndex.of(loading);
      loading = undefined;
      return { products: index.size, heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
    }
    case "apply":
      if (!index) throw new Error("the catalog index is not loaded");
      for (const key of request.deleted) index.delete(key);
      for (const product of request.put) index.put(product);
      return { wantsRebuild: index.wantsRebuild };
    case "search":
      if (!index) throw new Error("the catalog index is not loaded");
      return index.search(request.query) satisfies SearchPage;
  }
}

parentPort!.on("message", (request: CatalogRequest) => {
  let reply: CatalogReply;
  try {
    reply = { id: request.id, result: answer(request) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
