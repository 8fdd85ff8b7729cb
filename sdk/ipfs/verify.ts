import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";
import * as raw from "multiformats/codecs/raw";
import { ValidationError } from "../errors.ts";
import { CidMismatchError } from "./errors.ts";
import { importKubo, kuboAddParams } from "./kubo-import.ts";

const DAG_PB = 0x70;

/**
 * Throws CidMismatchError unless `bytes` are the content of `cid`. Raw blocks are hashed directly;
 * UnixFS files are re-imported with Kubo's parameters for the CID's version (the project's profile).
 */
export async function verifyContent(cid: CID, bytes: Uint8Array): Promise<void> {
  if (cid.multihash.code !== sha256.code) {
    throw new ValidationError("cid", `multihash code 0x${cid.multihash.code.toString(16)} is not sha2-256`);
  }
  const actual = await contentCid(cid, bytes);
  const matches: boolean = actual.equals(cid);
  if (!matches) throw new CidMismatchError(cid.toString(), actual.toString());
}

async function contentCid(cid: CID, bytes: Uint8Array): Promise<CID> {
  if (cid.code === raw.code) return CID.createV1(raw.code, await sha256.digest(bytes));
  if (cid.code !== DAG_PB) throw new ValidationError("cid", `codec 0x${cid.code.toString(16)} is not raw or dag-pb`);
  const discard = { put: async (blockCid: CID) => blockCid };
  let root = cid;
  for await (const entry of importKubo([{ content: bytes }], discard, kuboAddParams({ cidVersion: cid.version }))) {
    root = entry.cid;
  }
  return root;
}
