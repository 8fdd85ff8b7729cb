import type { LocalAccount } from "viem";
import { createSiweMessage } from "viem/siwe";
import { BaseError } from "../../../sdk/errors.ts";
import { readEvents } from "../../../sdk/sse-events.ts";

/** Nothing that speaks GraphQL answers at API_URL. */
export class ApiUnreachableError extends BaseError {
  override readonly name = "ApiUnreachableError";
}

/** The API answered with a GraphQL error; `code` is its `extensions.code` (NOT_FOUND, FORBIDDEN, …). */
export class ApiError extends BaseError {
  override readonly name = "ApiError";
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined) {
    super(message, { retryable: code === "RATE_LIMITED" });
    this.code = code;
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A small GraphQL-over-HTTP client with an optional SIWE session (`Authorization: Bearer`). */
export class GraphqlClient {
  readonly url: string;
  readonly timeoutMs: number;
  #token: string | undefined;

  constructor(url: string, options: { timeoutMs?: number; token?: string } = {}) {
    this.url = url;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.#token = options.token;
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(this.#token && { authorization: `Bearer ${this.#token}` }) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      throw new ApiUnreachableError(`API_URL: no GraphQL API answers at ${this.url}`, { cause, retryable: true });
    }
    const body = (await response.json().catch(() => undefined)) as GraphqlResponse<T> | undefined;
    if (!body || (body.data === undefined && !body.errors)) {
      throw new ApiUnreachableError(`API_URL: ${this.url} answered HTTP ${response.status}, not GraphQL`, {
        retryable: response.status >= 500,
      });
    }
    const [error] = body.errors ?? [];
    if (error) throw new ApiError(error.message, error.extensions?.code);
    return body.data as T;
  }

  /**
   * A subscription over Server-Sent Events (as the API serves them): each payload's data, until `signal` aborts
   * (then it just ends) or the API ends the stream. `armed` is called once the API answered: from then on no change
   * is missed.
   */
  async *subscribe<T>(query: string, options: { signal: AbortSignal; armed?: () => void }): AsyncGenerator<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          ...(this.#token && { authorization: `Bearer ${this.#token}` }),
        },
        body: JSON.stringify({ query }),
        signal: options.signal,
      });
    } catch (cause) {
      if (options.signal.aborted) return;
      throw new ApiUnreachableError(`API_URL: no GraphQL API answers at ${this.url}`, { cause, retryable: true });
    }
    if (!response.ok || !response.body)
      throw new ApiUnreachableError(`API_URL: ${this.url} answered HTTP ${response.status} to a subscription`);
    options.armed?.();
    try {
      for await (const event of readEvents(response.body)) {
        if (event.name !== "next") continue;
        const payload = JSON.parse(event.data) as GraphqlResponse<T>;
        const [error] = payload.errors ?? [];
        if (error) throw new ApiError(error.message, error.extensions?.code);
        if (payload.data) yield payload.data;
      }
    } catch (error) {
      if (!options.signal.aborted) throw error;
    }
  }

  /**
   * Signs in with Sign-In With Ethereum (EIP-4361): the API's nonce, a message signed by `account`, a session token,
   * which later requests send and which is returned.
   */
  async signIn(account: LocalAccount): Promise<string> {
    const { nonce: challenge } = await this.request<{
      nonce: { nonce: string; domain: string; uri: string; chainId: number };
    }>("mutation { nonce { nonce domain uri chainId } }");
    const message = createSiweMessage({
      ...challenge,
      address: account.address,
      version: "1",
      statement: "Sign in to the commerce ledger.",
    });
    const signature = await account.signMessage({ message });
    const { signIn } = await this.request<{ signIn: { token: string } }>(
      "mutation($message: String!, $signature: String!) { signIn(message: $message, signature: $signature) { token } }",
      { message, signature },
    );
    this.#token = signIn.token;
    return signIn.token;
  }
}
