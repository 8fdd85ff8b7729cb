import { useCallback, useEffect, useState } from "react";
import { graphqlRequest } from "./client.ts";

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Runs the query again (after a mutation, or to retry). */
  refetch: () => void;
}

/** Runs a query whenever it or its variables change; a newer run cancels the older one. */
export function useQuery<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string | null; skip?: boolean } = {},
): QueryState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: !options.skip });
  const [run, setRun] = useState(0);
  const key = JSON.stringify(variables);
  // biome-ignore lint/correctness/useExhaustiveDependencies: run is refetch()'s trigger
  useEffect(() => {
    if (options.skip) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    graphqlRequest<T>(query, JSON.parse(key), { token: options.token, signal: controller.signal }).then(
      (data) => setState({ data, loading: false }),
      (error: Error) => controller.signal.aborted || setState({ error, loading: false }),
    );
    return () => controller.abort();
  }, [query, key, options.token, options.skip, run]);
  const refetch = useCallback(() => setRun((count) => count + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, refetch };
}
