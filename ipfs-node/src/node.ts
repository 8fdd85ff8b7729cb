import { join } from "node:path";
import * as dagPb from "@ipld/dag-pb";
import { unixfs, type UnixFS } from "@helia/unixfs";
import { FsBlockstore } from "blockstore-fs";
import { FsDatastore } from "datastore-fs";
import { createHeliaLight, type Helia } from "helia";
import type { ImportCandidate, ImportResult } from "ipfs-unixfs-importer";
import type { CID } from "multiformats/cid";
import { IpfsNotFoundError } from "../../sdk/ipfs/errors.ts";
import { importKubo, type KuboAddParams } from "../../sdk/ipfs/kubo-import.ts";

export type PinKind = "recursive" | "direct";

/** Errors Helia and @helia/unixfs throw when a block or a path is not in the local store. */
const MISSING = new Set(["NotFoundError", "BlockNotFoundWhileOfflineError", "DoesNotExistError"]);

/**
 * The embedded IPFS store: Helia with a filesystem blockstore and no networking. Every read is
 * offline, so an unknown CID fails at once instead of searching a network that is not there.
 */
export class IpfsNode {
  readonly #helia: Helia;
  readonly #fs: UnixFS;

  private constructor(helia: Helia) {
    this.#helia = helia;
    this.#fs = unixfs(helia);
  }

  static async open(dataDir: string): Promise<IpfsNode> {
    const helia = createHeliaLight({
      blockstore: new FsBlockstore(join(dataDir, "blocks")),
      datastore: new FsDatastore(join(dataDir, "datastore")),
    });
    await helia.start();
    return new IpfsNode(helia);
  }

  /** Imports like Kubo's `ipfs add`; pins each top-level result when `pin` is set, as Kubo does. */
  async *add(
    source: AsyncIterable<ImportCandidate>,
    params: KuboAddParams,
    options: { pin: boolean },
  ): AsyncGenerator<ImportResult> {
    for await (const entry of importKubo(source, this.#helia.blockstore, params)) {
      if (options.pin && !(entry.path ?? "").includes("/")) await this.pin(entry.cid, "recursive");
      yield entry;
    }
  }

  async stat(cid: CID, path?: string, signal?: AbortSignal) {
    return this.#local(cid, () => this.#fs.stat(cid, { path, offline: true, signal }));
  }

  /** Bytes of a file (or the file at `path` below `cid`); the first block is read before this returns. */
  async cat(
    cid: CID,
    options: { path?: string; offset?: number; length?: number; signal?: AbortSignal } = {},
  ): Promise<AsyncIterable<Uint8Array>> {
    const chunks = this.#fs.cat(cid, { ...options, offline: true })[Symbol.asyncIterator]();
    const first = await this.#local(cid, () => chunks.next());
    return (async function* () {
      if (first.done === true) return;
      yield first.value;
      yield* { [Symbol.asyncIterator]: () => chunks };
    })();
  }

  async *ls(cid: CID, path?: string, signal?: AbortSignal) {
    yield* this.#fs.ls(cid, { path, offline: true, signal });
  }

  /** Idempotent like `ipfs pin add`: pinning pinned content changes nothing. */
  async pin(cid: CID, kind: PinKind, signal?: AbortSignal): Promise<void> {
    if (await this.#helia.pins.isPinned(cid, { signal })) return;
    await this.#assertLocal(cid, kind, signal);
    for await (const _ of this.#helia.pins.add(cid, { depth: kind === "direct" ? 0 : Infinity, signal })) {
      // draining the generator is what pins the blocks
    }
  }

  async unpin(cid: CID, signal?: AbortSignal): Promise<void> {
    if (!(await this.#helia.pins.isPinned(cid, { signal }))) {
      throw new IpfsNotFoundError(`${cid}: not pinned or pinned indirectly`);
    }
    for await (const _ of this.#helia.pins.rm(cid, { signal })) {
      // draining the generator is what unpins the blocks
    }
  }

  async *pins(signal?: AbortSignal): AsyncGenerator<{ cid: CID; kind: PinKind }> {
    for await (const pin of this.#helia.pins.ls({ signal })) {
      yield { cid: pin.cid, kind: pin.depth === 0 ? "direct" : "recursive" };
    }
  }

  /** Deletes every block no pin protects; returns the removed blocks' CIDs (codec not preserved). */
  async gc(signal?: AbortSignal): Promise<CID[]> {
    const removed: CID[] = [];
    await this.#helia.gc({
      signal,
      onProgress: (event) => {
        if (event.type === "helia:gc:deleted") removed.push(event.detail);
      },
    });
    return removed;
  }

  async close(): Promise<void> {
    await this.#helia.stop();
  }

  /**
   * Helia's pin walker leaves an unhandled rejection (which ends the process) when a block is
   * missing offline, so the DAG is checked to be complete before Helia walks it.
   */
  async #assertLocal(root: CID, kind: PinKind, signal?: AbortSignal): Promise<void> {
    const pending = [root];
    for (let cid = pending.pop(); cid !== undefined; cid = pending.pop()) {
      signal?.throwIfAborted();
      if (!(await this.#helia.blockstore.has(cid))) {
        throw new IpfsNotFoundError(
          `${root}: block ${cid} is not in the local store (this node does not fetch from the network)`,
        );
      }
      if (kind === "recursive" && cid.code === dagPb.code) {
        const chunks: Uint8Array[] = [];
        for await (const chunk of this.#helia.blockstore.get(cid, { offline: true, signal })) chunks.push(chunk);
        const node = dagPb.decode(Buffer.concat(chunks));
        pending.push(...node.Links.map((link) => link.Hash));
      }
    }
  }

  async #local<T>(cid: CID, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof Error && MISSING.has(error.name)) {
        const reason =
          error.name === "BlockNotFoundWhileOfflineError" ? "block was not found locally (offline)" : error.message;
        throw new IpfsNotFoundError(`${cid}: ${reason}`, { cause: error });
      }
      throw error;
    }
  }
}
