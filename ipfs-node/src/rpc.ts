import type { IncomingMessage, ServerResponse } from "node:http";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import type { Logger } from "pino";
import { ValidationError } from "../../sdk/errors.ts";
import { kuboAddParams } from "../../sdk/ipfs/kubo-import.ts";
import { multipartEntries } from "./multipart.ts";
import type { IpfsNode, PinKind } from "./node.ts";
import { statusFor } from "./status.ts";

/** Kubo's largest block, and so its largest chunk. */
const MAX_CHUNK_BYTES = 1_048_576;

export interface RpcOptions {
  logger: Logger;
  maxUploadBytes: number;
  readTimeoutMs: number;
  version: string;
}

type Route = (
  node: IpfsNode,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  options: RpcOptions,
) => Promise<void>;

const ROUTES: Record<string, Route> = {
  add,
  cat,
  "pin/add": pinAdd,
  "pin/rm": pinRm,
  "pin/ls": pinLs,
  "repo/gc": repoGc,
  version,
};

/**
 * The subset of Kubo's RPC API (`/api/v0/...`) the project uses, with Kubo's parameters, response
 * shapes and error body `{Message, Code, Type}`, so that kubo-rpc-client works unchanged.
 */
export async function handleRpc(
  node: IpfsNode,
  req: IncomingMessage,
  res: ServerResponse,
  options: RpcOptions,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const route = ROUTES[url.pathname.slice("/api/v0/".length)];
  try {
    if (route === undefined) return kuboError(res, 404, `unknown command ${url.pathname}`);
    // Kubo refuses GET on its RPC API so that a browser page cannot trigger commands.
    if (req.method !== "POST") return kuboError(res, 405, `${req.method} not allowed; the RPC API takes POST`);
    await route(node, req, res, url.searchParams, options);
  } catch (error) {
    const status = statusFor(error);
    const log = status === 500 ? options.logger.error.bind(options.logger) : options.logger.debug.bind(options.logger);
    log({ err: error, path: url.pathname }, "ipfs rpc call failed");
    if (res.headersSent) return void res.destroy(error as Error);
    // A refused upload is still arriving; read it to the end so the client sees the status.
    if (!req.readableEnded) await once(req.resume(), "end");
    // Kubo reports a missing block as a server error (500), not 404.
    kuboError(res, status === 404 ? 500 : status, error instanceof Error ? error.message : String(error));
  }
}

async function add(
  node: IpfsNode,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  options: RpcOptions,
) {
  if (query.get("hash") !== null && query.get("hash") !== "sha2-256")
    throw new ValidationError("hash", "only sha2-256");
  for (const name of ["trickle", "only-hash", "inline", "nocopy"]) {
    if (flag(query, name, false)) throw new ValidationError(name, "is not supported by the embedded node");
  }
  const cidVersion = integer(query, "cid-version", 0);
  if (cidVersion !== 0 && cidVersion !== 1) throw new ValidationError("cid-version", "must be 0 or 1");
  const chunker = query.get("chunker") ?? "size-262144";
  const chunkSize = /^size-(\d+)$/.exec(chunker)?.[1];
  if (chunkSize === undefined) throw new ValidationError("chunker", "only size-<bytes> is supported");
  if (Number(chunkSize) < 1 || Number(chunkSize) > MAX_CHUNK_BYTES)
    throw new ValidationError("chunker", `size-<bytes> takes 1 to ${MAX_CHUNK_BYTES} bytes`);
  const params = kuboAddParams({
    cidVersion,
    rawLeaves: query.has("raw-leaves") ? flag(query, "raw-leaves", false) : undefined,
    chunkSize: Number(chunkSize),
    wrapWithDirectory: flag(query, "wrap-with-directory", false),
  });
  const lines: string[] = [];
  const entries = node.add(multipartEntries(req, options.maxUploadBytes), params, { pin: flag(query, "pin", true) });
  for await (const entry of entries) {
    const cid = entry.cid.toString();
    // Kubo names an unnamed file by its CID and the wrapping directory "".
    const name = entry.path || (params.wrapWithDirectory ? "" : cid);
    lines.push(JSON.stringify({ Name: name, Hash: cid, Size: entry.size.toString() }));
  }
  // Results are sent once the whole upload is stored, so a failure is always an HTTP status.
  res.writeHead(200, { "Content-Type": "application/json", "X-Chunked-Output": "1" });
  res.end(lines.map((line) => `${line}\n`).join(""));
}

async function cat(
  node: IpfsNode,
  _req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  options: RpcOptions,
) {
  const { cid, path } = ipfsPath(query.get("arg"));
  const offset = integer(query, "offset", 0);
  const length = query.has("length") ? integer(query, "length", 0) : undefined;
  const chunks = await node.cat(cid, { path, offset, length, signal: AbortSignal.timeout(options.readTimeoutMs) });
  res.writeHead(200, { "Content-Type": "text/plain", "X-Stream-Output": "1" });
  await pipeline(chunks, res);
}

async function pinAdd(
  node: IpfsNode,
  _req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  options: RpcOptions,
) {
  const kind: PinKind = flag(query, "recursive", true) ? "recursive" : "direct";
  const pins = [];
  for (const arg of args(query)) {
    const { cid } = ipfsPath(arg);
    await node.pin(cid, kind, AbortSignal.timeout(options.readTimeoutMs));
    pins.push(cid.toString());
  }
  json(res, { Pins: pins });
}

async function pinRm(node: IpfsNode, _req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
  const pins = [];
  for (const arg of args(query)) {
    const { cid } = ipfsPath(arg);
    await node.unpin(cid);
    pins.push(cid.toString());
  }
  json(res, { Pins: pins });
}

/** Indirect pins (blocks below a recursive pin) are not listed: the node does not track them. */
async function pinLs(node: IpfsNode, _req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
  const type = query.get("type") ?? "all";
  if (!["all", "recursive", "direct", "indirect"].includes(type))
    throw new ValidationError("type", "must be all, recursive, direct or indirect");
  const wanted = new Set(query.getAll("arg").map((arg) => ipfsPath(arg).cid.toString()));
  const found: Array<{ Cid: string; Type: PinKind }> = [];
  for await (const pin of node.pins()) {
    const cid = pin.cid.toString();
    if ((type === "all" || type === pin.kind) && (wanted.size === 0 || wanted.has(cid)))
      found.push({ Cid: cid, Type: pin.kind });
  }
  for (const cid of wanted) {
    if (!found.some((pin) => pin.Cid === cid)) throw new ValidationError("arg", `path '${cid}' is not pinned`);
  }
  if (flag(query, "stream", false)) {
    res.writeHead(200, { "Content-Type": "application/json", "X-Chunked-Output": "1" });
    res.end(found.map((pin) => `${JSON.stringify({ ...pin, Name: "" })}\n`).join(""));
  } else {
    json(res, { Keys: Object.fromEntries(found.map((pin) => [pin.Cid, { Type: pin.Type }])) });
  }
}

async function repoGc(node: IpfsNode, _req: IncomingMessage, res: ServerResponse) {
  const removed = await node.gc();
  res.writeHead(200, { "Content-Type": "application/json", "X-Chunked-Output": "1" });
  // Blocks are stored by multihash; like Kubo, name each removed block as a raw CIDv1.
  const keys = removed.map((cid) => CID.createV1(raw.code, cid.multihash).toString());
  res.end(keys.map((key) => `${JSON.stringify({ Key: { "/": key } })}\n`).join(""));
}

async function version(
  _node: IpfsNode,
  _req: IncomingMessage,
  res: ServerResponse,
  _query: URLSearchParams,
  options: RpcOptions,
) {
  json(res, {
    Version: options.version,
    Commit: "",
    Repo: "helia-fs",
    System: `${process.arch}/${process.platform}`,
    Golang: "",
  });
}

/** `arg` as Kubo takes it: a CID, `/ipfs/<cid>` or either followed by `/path/in/dag`. */
function ipfsPath(arg: string | null): { cid: CID; path: string | undefined } {
  if (arg === null || arg === "") throw new ValidationError("arg", "is required");
  const [first = "", ...rest] = arg.replace(/^\/ipfs\//, "").split("/");
  try {
    return { cid: CID.parse(first), path: rest.filter(Boolean).join("/") || undefined };
  } catch (cause) {
    throw new ValidationError("arg", `invalid path "${arg}": not a CID`, { cause });
  }
}

function args(query: URLSearchParams): string[] {
  const all = query.getAll("arg");
  if (all.length === 0) throw new ValidationError("arg", "is required");
  return all;
}

function flag(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  if (value === null) return fallback;
  if (value === "" || value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new ValidationError(name, `"${value}" is not a boolean`);
}

function integer(query: URLSearchParams, name: string, fallback: number): number {
  const value = query.get(name);
  if (value === null) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0)
    throw new ValidationError(name, `"${value}" is not a non-negative integer`);
  return parsed;
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

/**
 * Refuses a request before its body is read, in Kubo's error shape, storing nothing. A body of at most `drainBytes`
 * (by its Content-Length) is read and dropped after the answer (Node does so for an unread request), so a client
 * still sending it sees the answer rather than a reset connection; a larger or unannounced one ends the connection.
 */
export function refuseUnread(
  req: IncomingMessage,
  res: ServerResponse,
  refusal: { status: number; message: string; drainBytes: number; headers?: Record<string, string> },
): void {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (req.headers["transfer-encoding"] !== undefined || !(declared <= refusal.drainBytes))
    res.setHeader("Connection", "close");
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
  kuboError(res, refusal.status, refusal.message);
}

/** Kubo's error body `{Message, Code, Type}`; Code 0 for server errors, 1 for the client's. */
export function kuboError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ Message: message, Code: status === 500 ? 0 : 1, Type: "error" }));
}
