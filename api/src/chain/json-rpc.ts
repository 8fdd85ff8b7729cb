import { BaseError } from "../../../sdk/errors.ts";

const TIMEOUT_MS = 2_000;

/** The node did not answer a call, or answered it with an error. */
export class JsonRpcError extends BaseError {
  override readonly name = "JsonRpcError";
}

/** One JSON-RPC call with a short timeout. */
export async function jsonRpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await response.json()) as { result?: T; error?: { message: string } };
    if (body.error || body.result === undefined) throw new JsonRpcError(`${method}: ${body.error?.message ?? `HTTP ${response.status}`}`);
    return body.result;
  } catch (error) {
    if (error instanceof JsonRpcError) throw error;
    throw new JsonRpcError(`${method}: no answer from ${url}`, { cause: error, retryable: true });
  }
}
