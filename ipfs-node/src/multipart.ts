import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import busboy from "busboy";
import type { ImportCandidate } from "ipfs-unixfs-importer";
import { ValidationError } from "../../sdk/errors.ts";
import { ContentTooLargeError } from "../../sdk/ipfs/errors.ts";

/**
 * The files and directories of a kubo-rpc-client `add` body (multipart, names URL-encoded in
 * `filename`, directories as `application/x-directory` parts), streamed one at a time.
 */
export async function* multipartEntries(req: IncomingMessage, maxFileBytes: number): AsyncGenerator<ImportCandidate> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, preservePath: true });
  } catch (error) {
    throw new ValidationError(
      "content-type",
      `must be multipart/form-data with a boundary (${(error as Error).message})`,
    );
  }
  const queue: Array<ImportCandidate | Error | "end"> = [];
  let wake: (() => void) | undefined;
  const push = (item: ImportCandidate | Error | "end") => {
    queue.push(item);
    wake?.();
  };
  parser.on("file", (_field: string, stream: Readable, info: busboy.FileInfo) => {
    const path = decodeURIComponent(info.filename ?? "");
    if (info.mimeType === "application/x-directory") {
      stream.resume();
      push({ path });
    } else {
      push({ path, content: limited(stream, maxFileBytes, path) });
    }
  });
  parser.on("close", () => push("end"));
  // A body that is not the multipart it claims is the client's fault, not the node's.
  parser.on("error", (error: Error) => push(new ValidationError("body", `malformed multipart: ${error.message}`)));
  req.pipe(parser);
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const item = queue.shift();
      if (item === "end" || item === undefined) return;
      if (item instanceof Error) throw item;
      yield item;
    }
  } finally {
    req.unpipe(parser);
    req.resume();
  }
}

async function* limited(stream: Readable, maxBytes: number, path: string): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new ContentTooLargeError(`upload ${path || "(unnamed)"}`, maxBytes);
    yield chunk;
  }
}
