import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { ValidationError } from "../../../sdk/errors.ts";
import type { IpfsClient } from "../../../sdk/ipfs/client.ts";
import { userPath } from "./user-path.ts";

/** A local file's text; an unreadable file is a ValidationError naming it. */
export function readText(path: string): string {
  try {
    return readFileSync(userPath(path), "utf8");
  } catch (cause) {
    throw new ValidationError(path, "cannot be read", { cause });
  }
}

/** Reads a JSON or YAML file (by extension); an unreadable or malformed file names the path. */
export function readDataFile(path: string): unknown {
  const text = readText(path);
  try {
    return [".yaml", ".yml"].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (cause) {
    throw new ValidationError(
      path,
      `is not valid ${extname(path).slice(1).toUpperCase() || "JSON"}: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/** Stores a JSON document on IPFS and returns its CID. */
export async function putJson(ipfs: IpfsClient, document: unknown): Promise<string> {
  return (await ipfs.add(new TextEncoder().encode(JSON.stringify(document)))).toString();
}

/** A free-text reason or note as a small JSON document on IPFS (reject, refund, ship, rulings). */
export const putNote = (ipfs: IpfsClient, kind: string, text: string) =>
  putJson(ipfs, { [kind]: text, at: new Date().toISOString() });

/** The bytes of a local image file; a missing file names the field that referred to it. */
export function readImage(path: string, field: string): Uint8Array {
  try {
    return readFileSync(userPath(path));
  } catch (cause) {
    throw new ValidationError(field, `cannot read ${path}`, { cause });
  }
}
