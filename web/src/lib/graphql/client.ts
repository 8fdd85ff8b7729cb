/** The API's GraphQL endpoint, same origin (served by the API, or proxied by `npm run dev:web`). */
export const GRAPHQL_PATH = "/graphql";

/** A GraphQL error answer: `code` is the API's `extensions.code` (NOT_FOUND, UNAUTHENTICATED, BAD_USER_INPUT…). */
export class GraphqlError extends Error {
  override readonly name = "GraphqlError";
  readonly code: string;
  readonly field: string | undefined;

  constructor(message: string, code: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

export interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: string; field?: string };
}

export interface RequestOptions {
  /** Session token from Sign-In With Ethereum, sent as `Authorization: Bearer`. */
  token?: string | null;
  signal?: AbortSignal;
}

/** POSTs one operation and returns its `data`, or throws the first error as a GraphqlError. */
export async function graphqlRequest<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<T> {
  const response = await fetch(GRAPHQL_PATH, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: options.signal,
  });
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: GraphqlErrorBody[] } | null;
  if (body?.errors?.length) throw toGraphqlError(body.errors[0]);
  if (!response.ok || !body?.data)
    throw new GraphqlError(
      `the API answered HTTP ${response.status}`,
      response.status === 429 ? "RATE_LIMITED" : "HTTP_ERROR",
    );
  return body.data;
}

export function toGraphqlError(error: GraphqlErrorBody): GraphqlError {
  return new GraphqlError(error.message, error.extensions?.code ?? "INTERNAL_SERVER_ERROR", error.extensions?.field);
}
