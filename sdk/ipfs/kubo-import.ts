import { importer, type ImportCandidate, type ImportResult, type WritableStorage } from "ipfs-unixfs-importer";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import { balanced } from "ipfs-unixfs-importer/layout";

/** The `ipfs add` parameters that decide a CID. */
export interface KuboAddParams {
  cidVersion: 0 | 1;
  rawLeaves: boolean;
  chunkSize: number;
  wrapWithDirectory: boolean;
}

/** Kubo's chunker (`size-262144`) and links per node (`Import.UnixFSFileMaxLinks`). */
export const KUBO_CHUNK_SIZE = 262_144;
export const KUBO_MAX_LINKS = 174;

/**
 * Fills in Kubo's defaults: CIDv1 implies raw leaves ("CIDv1 automatically enables raw-leaves").
 * With no arguments this is `ipfs add --cid-version=1`, the project's one import profile.
 */
export function kuboAddParams(given: Partial<KuboAddParams> = {}): KuboAddParams {
  const cidVersion = given.cidVersion ?? 1;
  return {
    cidVersion,
    rawLeaves: given.rawLeaves ?? cidVersion === 1,
    chunkSize: given.chunkSize ?? KUBO_CHUNK_SIZE,
    wrapWithDirectory: given.wrapWithDirectory ?? false,
  };
}

/**
 * Imports like Kubo's `ipfs add`. Every CID-relevant option is passed explicitly because
 * `@helia/unixfs` defaults (1 MiB chunks, 1024 links) give different CIDs for files over 256 KiB.
 */
export function importKubo(
  source: AsyncIterable<ImportCandidate> | Iterable<ImportCandidate>,
  blockstore: WritableStorage,
  params: KuboAddParams,
): AsyncGenerator<ImportResult> {
  return importer(source, blockstore, {
    cidVersion: params.cidVersion,
    rawLeaves: params.rawLeaves,
    chunker: fixedSize({ chunkSize: params.chunkSize }),
    layout: balanced({ maxChildrenPerNode: KUBO_MAX_LINKS }),
    reduceSingleLeafToSelf: true,
    wrapWithDirectory: params.wrapWithDirectory,
    // Uploads arrive as one stream after another; batching files would wait on a file not yet sent.
    fileImportConcurrency: 1,
  });
}
