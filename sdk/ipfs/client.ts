import { create, type KuboRPCClient } from "kubo-rpc-client";
import { CID } from "multiformats/cid";
import { BaseError, ValidationError } from "../errors.ts";
import { authorizationHeader } from "./auth.ts";
import type { IpfsClientConfig } from "./config.ts";
import { ContentTooLargeError, IpfsNotFoundError, IpfsRequestError, IpfsTimeoutError } from "./errors.ts";
import { KUBO_CHUNK_SIZE } from "./kubo-import.ts";
import { verifyContent } from "./verify.ts";

const NOT_FOUND = /not found|could not find|no link named|not pinned/i;

/**
 * The one IPFS client of every consumer: kubo-rpc-client against `IPFS_API_URL` (the embedded node
 * or a real Kubo), adding with `--cid-version=1` and verifying every byte read against its CID.
 */
export class IpfsClient {
  readonly #rpc: KuboRPCClient;
  readonly #config: IpfsClientConfig;

  constructor(config: IpfsClientConfig) {
    this.#config = config;
    const headers = config.auth === undefined ? undefined : { authorization: authorizationHeader(config.auth) };
    this.#rpc = create({ url: config.url, headers });
  }

  /** Adds bytes as one file and (by default) pins them; returns the CID Kubo would give. */
  async add(bytes: Uint8Array, options: { pin?: boolean } = {}): Promise<CID> {
    return this.#call("add", async (signal) => {
      const { cid } = await this.#rpc.add(bytes, {
        cidVersion: 1,
        rawLeaves: true,
        chunker: `size-${KUBO_CHUNK_SIZE}`,
        pin: options.pin ?? true,
        signal,
      });
      return cid;
    });
  }

  /** Reads a whole file and returns it only if it hashes to `cid`, else throws CidMismatchError. */
  async cat(cid: CID | string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
    const root = toCid(cid);
    const maxBytes = options.maxBytes ?? this.#config.maxBytes;
    const bytes = await this.#call(`cat ${root}`, async (signal) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of this.#rpc.cat(root, { length: maxBytes + 1, signal })) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new ContentTooLargeError(root.toString(), maxBytes);
        chunks.push(chunk);
      }
      return Buffer.concat(chunks, size);
    });
    await verifyContent(root, bytes);
    return bytes;
  }

  /** Pins recursively; pinning pinned content again is a no-op, as on Kubo. */
  async pin(cid: CID | string): Promise<void> {
    const root = toCid(cid);
    await this.#call(`pin ${root}`, (signal) => this.#rpc.pin.add(root, { signal }));
  }

  async unpin(cid: CID | string): Promise<void> {
    const root = toCid(cid);
    await this.#call(`unpin ${root}`, (signal) => this.#rpc.pin.rm(root, { signal }));
  }

  /** Recursively pinned roots. */
  async pins(): Promise<CID[]> {
    return this.#call("pin ls", async (signal) => {
      const roots: CID[] = [];
      for await (const pin of this.#rpc.pin.ls({ type: "recursive", signal })) roots.push(pin.cid);
      return roots;
    });
  }

  async version(): Promise<string> {
    return this.#call("version", async (signal) => (await this.#rpc.version({ signal })).version);
  }

  async #call<T>(what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const signal = AbortSignal.timeout(this.#config.timeoutMs);
    try {
      return await run(signal);
    } catch (error) {
      throw toIpfsError(what, error, signal, this.#config.timeoutMs);
    }
  }
}

function toCid(cid: CID | string): CID {
  if (typeof cid !== "string") return cid;
  try {
    return CID.parse(cid);
  } catch (cause) {
    throw new ValidationError("cid", "is not a valid CID", { cause });
  }
}

function toIpfsError(what: string, error: unknown, signal: AbortSignal, timeoutMs: number): BaseError {
  if (error instanceof BaseError) return error;
  const { name, message } = error instanceof Error ? error : { name: "", message: String(error) };
  if (signal.aborted || name === "TimeoutError") return new IpfsTimeoutError(what, timeoutMs, { cause: error });
  const status: number | undefined = (error as { response?: Response }).response?.status;
  if (status === 413) return new ContentTooLargeError(what);
  if (NOT_FOUND.test(message)) return new IpfsNotFoundError(`${what}: ${message}`, { cause: error });
  const retryable = status === undefined || status >= 500;
  return new IpfsRequestError(`${what} failed: ${message}`, { cause: error, retryable });
}
