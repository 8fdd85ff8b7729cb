import { readEvents } from "../../../sdk/sse-events.ts";

/**
 * A GraphQL subscription over SSE (graphql-sse "distinct connections" mode, as graphql-yoga serves it): its
 * `next` payloads, in order.
 */
export function subscribe(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const controller = new AbortController();
  const payloads: Record<string, any>[] = [];
  const waiters: (() => void)[] = [];
  let done = false;
  const started = (async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`subscription answered HTTP ${response.status}`);
    return response;
  })();
  const reading = started
    .then(async (response) => {
      for await (const event of readEvents(response.body!)) {
        if (event.name === "next" && event.data) payloads.push(JSON.parse(event.data));
        if (event.name === "complete") done = true;
        for (const wake of waiters.splice(0)) wake();
      }
    })
    .catch(() => {})
    .finally(() => {
      done = true;
      for (const wake of waiters.splice(0)) wake();
    });
  return {
    /** Resolves with the `count`-th payload, or rejects after `timeoutMs`. */
    async next(count: number, timeoutMs = 10_000): Promise<Record<string, any>> {
      const deadline = Date.now() + timeoutMs;
      while (payloads.length < count) {
        if (done) throw new Error(`stream ended after ${payloads.length} payloads`);
        if (Date.now() > deadline) throw new Error(`no payload ${count} within ${timeoutMs} ms`);
        await Promise.race([
          new Promise<void>((resolve) => waiters.push(resolve)),
          new Promise((resolve) => setTimeout(resolve, 100)),
        ]);
      }
      return payloads[count - 1];
    },
    payloads,
    started,
    async close() {
      controller.abort();
      await reading;
    },
  };
}
