import type { IncomingMessage, ServerResponse } from "node:http";
import { extname } from "node:path";
import { pipeline } from "node:stream/promises";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import type { Logger } from "pino";
import { ValidationError } from "../../sdk/errors.ts";
import { ContentTooLargeError } from "../../sdk/ipfs/errors.ts";
import { sniffMediaType } from "../../sdk/metadata/media-type.ts";
import type { IpfsNode } from "./node.ts";
import { statusFor } from "./status.ts";

export interface GatewayOptions {
  logger: Logger;
  /** Largest body one response may carry; bigger files must be read in ranges. */
  maxResponseBytes: number;
  readTimeoutMs: number;
}

/** Content never changes under a CID, so caches may keep it for as long as they like. */
const IMMUTABLE = "public, max-age=29030400, immutable";
/**
 * On every answer: the gateway may share its origin with the storefront, whose session token is in localStorage,
 * and it serves what anyone uploaded. `sandbox` gives a document an opaque origin with scripts, forms and popups
 * off, and the rest allows no fetch but this origin's images, media and inline styles; nosniff keeps browsers to
 * the declared type.
 */
const CONFINED = {
  "Content-Security-Policy":
    "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; " +
    "base-uri 'none'; form-action 'none'; sandbox",
  "X-Content-Type-Options": "nosniff",
};
/** Shown in the browser; any other type (HTML, SVG, PDF, unknown bytes) is sent as a download. */
const INLINE = /^(image\/(jpeg|png|webp|gif|avif)|video\/mp4|text\/plain|text\/css|application\/json)(;|$)/;
const SNIFF_BYTES = 512;
const BY_EXTENSION: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".mp4": "video/mp4",
};

type ByteRange = { start: number; end: number };

/** Read-only path gateway `GET|HEAD /ipfs/<cid>[/path]` over the local store, with byte ranges. */
export async function handleGateway(
  node: IpfsNode,
  req: IncomingMessage,
  res: ServerResponse,
  options: GatewayOptions,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  for (const [name, value] of Object.entries(CONFINED)) res.setHeader(name, value);
  try {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" });
      return void res.end();
    }
    const [cidText = "", ...rest] = url.pathname.slice("/ipfs/".length).split("/");
    const root = parseCid(cidText);
    const path = rest.map(decodeURIComponent).filter(Boolean).join("/") || undefined;
    const signal = AbortSignal.timeout(options.readTimeoutMs);
    if (path === undefined && root.code === raw.code) {
      // A raw CID is one block holding the whole file (so is every file up to 256 KiB this project adds): one
      // read gives its size, type and bytes, where stat, sniffing and cat would read the block three times.
      const bytes = await readAll(await node.cat(root, { signal }));
      const file = { root, path, size: bytes.byteLength, etag: `"${root}"`, options, signal, bytes };
      return await serveFile(node, req, res, file);
    }
    const stat = await node.stat(root, path, signal);
    if (stat.type === "directory")
      return await serveDirectory(node, req, res, { root, path, pathname: url.pathname, options, signal });
    await serveFile(node, req, res, { root, path, size: Number(stat.size), etag: `"${stat.cid}"`, options, signal });
  } catch (error) {
    const status = statusFor(error);
    if (status === 500) options.logger.error({ err: error, path: url.pathname }, "gateway request failed");
    if (res.headersSent) return void res.destroy(error as Error);
    const message =
      status === 404
        ? `${url.pathname} not found on this node (it does not fetch from the network)`
        : (error as Error).message;
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(`${message}\n`);
  }
}

function parseCid(text: string): CID {
  try {
    return CID.parse(text);
  } catch (cause) {
    throw new ValidationError("cid", `"${text}" is not a valid CID`, { cause });
  }
}

async function serveFile(
  node: IpfsNode,
  req: IncomingMessage,
  res: ServerResponse,
  file: {
    root: CID;
    path: string | undefined;
    size: number;
    etag: string;
    options: GatewayOptions;
    signal: AbortSignal;
    /** The whole file, when it has been read already. */
    bytes?: Uint8Array;
  },
): Promise<void> {
  const headers: Record<string, string | number> = {
    ETag: file.etag,
    "Cache-Control": IMMUTABLE,
    "Accept-Ranges": "bytes",
    "X-Ipfs-Path": `/ipfs/${file.root}${file.path === undefined ? "" : `/${file.path}`}`,
    "Access-Control-Allow-Origin": "*",
  };
  if (req.headers["if-none-match"] === file.etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  const range = parseRange(req.headers.range, file.size);
  if (range === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${file.size}` });
    return void res.end();
  }
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  const length = end - start + 1;
  if (length > file.options.maxResponseBytes) {
    throw new ContentTooLargeError(`${length} bytes (ask for a Range instead)`, file.options.maxResponseBytes);
  }
  headers["Content-Type"] = await contentType(node, file);
  if (!INLINE.test(headers["Content-Type"])) headers["Content-Disposition"] = "attachment";
  headers["Content-Length"] = length;
  if (range !== undefined) headers["Content-Range"] = `bytes ${start}-${end}/${file.size}`;
  res.writeHead(range === undefined ? 200 : 206, headers);
  if (req.method === "HEAD" || length === 0) return void res.end();
  if (file.bytes !== undefined) return void res.end(file.bytes.subarray(start, end + 1));
  await pipeline(await node.cat(file.root, { path: file.path, offset: start, length, signal: file.signal }), res);
}

async function contentType(
  node: IpfsNode,
  file: { root: CID; path: string | undefined; signal: AbortSignal; bytes?: Uint8Array },
): Promise<string> {
  const byName = file.path === undefined ? undefined : BY_EXTENSION[extname(file.path).toLowerCase()];
  if (byName !== undefined) return byName;
  if (file.bytes !== undefined) return sniffMediaType(file.bytes.subarray(0, SNIFF_BYTES));
  const head: Uint8Array[] = [];
  for await (const chunk of await node.cat(file.root, { path: file.path, length: SNIFF_BYTES, signal: file.signal }))
    head.push(chunk);
  return sniffMediaType(Buffer.concat(head));
}

async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** A single `bytes=` range; several ranges or a malformed header are ignored (the whole file is sent). */
function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null || (match[1] === "" && match[2] === "")) return undefined;
  const [, first = "", last = ""] = match;
  const range =
    first === ""
      ? { start: Math.max(0, size - Number(last)), end: size - 1 }
      : { start: Number(first), end: last === "" ? size - 1 : Math.min(Number(last), size - 1) };
  return range.start > range.end || range.start >= size ? "unsatisfiable" : range;
}

/** `index.html` when the directory has one, else a plain listing, as Kubo's gateway does. */
async function serveDirectory(
  node: IpfsNode,
  req: IncomingMessage,
  res: ServerResponse,
  dir: { root: CID; path: string | undefined; pathname: string; options: GatewayOptions; signal: AbortSignal },
): Promise<void> {
  const names: string[] = [];
  for await (const entry of node.ls(dir.root, dir.path, dir.signal)) names.push(entry.name);
  if (names.includes("index.html")) {
    const path = dir.path === undefined ? "index.html" : `${dir.path}/index.html`;
    const stat = await node.stat(dir.root, path, dir.signal);
    return serveFile(node, req, res, { ...dir, path, size: Number(stat.size), etag: `"${stat.cid}"` });
  }
  const base = dir.pathname.endsWith("/") ? dir.pathname : `${dir.pathname}/`;
  const items = names.map(
    (name) => `<li><a href="${escapeHtml(base + encodeURIComponent(name))}">${escapeHtml(name)}</a></li>`,
  );
  const body = `<!doctype html><title>${escapeHtml(dir.pathname)}</title><ul>${items.join("")}</ul>\n`;
  res.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": IMMUTABLE,
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
