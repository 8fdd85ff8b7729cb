// The catalog index on a worker thread: a broad search at a million products holds a thread for milliseconds, and
// the index's million-object heap makes every full garbage collection long. On its own thread neither delays the
// event loop that serves HTTP (`/health` included), and the rest of a request runs beside the search.
import { Worker } from "node:worker_threads";
import type { SearchPage } from "../listing-search.ts";
import type { CatalogProduct, CatalogQuery } from "./catalog-index.ts";

export type CatalogRequest = { id: number } & (
  | { op: "load"; products: CatalogProduct[]; first: boolean }
  | { op: "build" }
  | { op: "apply"; put: CatalogProduct[]; deleted: string[] }
  | { op: "search"; query: CatalogQuery }
);
export type CatalogReply = { id: number; result: unknown } | { id: number; error: string };

type Operation = CatalogRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

/** The worker's source next to this module's: `.ts` when run from source, `.js` once built. */
const WORKER_URL = new URL(
  `./catalog-worker${import.meta.url.slice(import.meta.url.lastIndexOf("."))}`,
  import.meta.url,
);

/**
 * A CatalogIndex on its own thread, started at the first request. Requests are answered in the order they were
 * made, so a search made after an `apply` sees its changes. If the thread dies, its requests fail, `onLost` is told
 * (the index is gone: load it again) and the next request starts a new thread.
 */
export class CatalogThread {
  #worker: Worker | undefined;
  #stopped = false;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  readonly #heapLimitMiB: number;
  readonly #onLost: (error: Error) => void;

  constructor(heapLimitMiB: number, onLost: (error: Error) => void) {
    this.#heapLimitMiB = heapLimitMiB;
    this.#onLost = onLost;
  }

  /** Adds products to a load (`first` starts a new one, dropping any left unbuilt); `build` makes them the index. */
  load(products: CatalogProduct[], first: boolean): Promise<void> {
    return this.#request({ op: "load", products, first }) as Promise<void>;
  }

  build(): Promise<{ products: number; heapMiB: number }> {
    return this.#request({ op: "build" }) as Promise<{ products: number; heapMiB: number }>;
  }

  /** Drops the products with the `deleted` keys and adds or replaces `put`. */
  apply(put: CatalogProduct[], deleted: string[]): Promise<{ wantsRebuild: boolean }> {
    return this.#request({ op: "apply", put, deleted }) as Promise<{ wantsRebuild: boolean }>;
  }

  search(query: CatalogQuery): Promise<SearchPage> {
    return this.#request({ op: "search", query }) as Promise<SearchPage>;
  }

  /** Ends the thread; requests not answered yet fail, and later ones too. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failPending(new Error("the catalog thread was stopped"));
    await worker?.terminate();
  }

  #request(operation: Operation): Promise<unknown> {
    if (this.#stopped) return Promise.reject(new Error("the catalog thread was stopped"));
    const worker = (this.#worker ??= this.#start());
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      worker.postMessage({ ...operation, id });
      // An idle thread does not keep the process alive; one with a request to answer does.
      if (this.#pending.size === 0) worker.ref();
      this.#pending.set(id, { resolve, reject });
    });
  }

  #start(): Worker {
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: this.#heapLimitMiB } });
    worker.unref();
    worker.on("message", (reply: CatalogReply) => {
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if ("error" in reply) pending?.reject(new Error(reply.error));
      else pending?.resolve(reply.result);
    });
    const lost = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      void worker.terminate();
      this.#failPending(error);
      this.#onLost(error);
    };
    worker.on("error", lost);
    worker.on("messageerror", lost);
    worker.on("exit", (code) => lost(new Error(`the catalog thread exited with code ${code}`)));
    return worker;
  }

  #failPending(error: Error): void {
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}
