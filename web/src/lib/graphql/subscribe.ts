import { readEvents } from "../../../../sdk/sse-events.ts";
import { GRAPHQL_PATH, toGraphqlError, type GraphqlErrorBody } from "./client.ts";

export interface SubscriptionHandlers<T> {
  next: (data: T) => void;
  error: (error: Error) => void;
}

/**
 * Runs a subscription over graphql-yoga's Server-Sent Events (POST with `Accept: text/event-stream`,
 * since EventSource cannot send the Authorization header). Returns a function that stops it.
 */
export function subscribe<T>(
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
  handlers: SubscriptionHandlers<T>,
): () => void {
  const controller = new AbortController();
  void (async () => {
    try {
      const response = await fetch(GRAPHQL_PATH, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`subscription refused: HTTP ${response.status}`);
      for await (const event of readEvents(response.body)) {
        if (event.name !== "next") continue;
        const payload = JSON.parse(event.data) as { data?: T; errors?: GraphqlErrorBody[] };
        if (payload.errors?.length) throw toGraphqlError(payload.errors[0]);
        if (payload.data) handlers.next(payload.data);
      }
    } catch (error) {
      if (!controller.signal.aborted) handlers.error(error as Error);
    }
  })();
  return () => controller.abort();
}
