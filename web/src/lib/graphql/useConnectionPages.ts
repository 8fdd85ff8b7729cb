import { useCallback, useEffect, useState } from "react";
import { graphqlRequest } from "./client.ts";

/** A page of a Relay connection as the API returns it. */
export interface Connection<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Node[];
}

interface Pages<Node, Page> {
  nodes: Node[];
  /** The first page as returned (with whatever else it carries, such as facets). */
  first?: Page;
  endCursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  error?: Error;
}

interface Options<Data, Page> {
  select(data: Data): Page;
  token?: string | null;
  /** Variables that differ for the pages after the first (e.g. not asking for facets again). */
  next?: Record<string, unknown>;
}

/**
 * The first page of a connection whenever the variables change, then further pages on its cursor, appended
 * ("Load more").
 */
export function useConnectionPages<Data, Node, Page extends Connection<Node> = Connection<Node>>(
  query: string,
  variables: Record<string, unknown>,
  options: Options<Data, Page>,
) {
  const [pages, setPages] = useState<Pages<Node, Page>>({
    nodes: [],
    endCursor: null,
    hasNextPage: false,
    loading: true,
  });
  const key = JSON.stringify(variables);
  const { select, token } = options;
  const nextKey = JSON.stringify(options.next ?? {});

  // biome-ignore lint/correctness/useExhaustiveDependencies: select is a projection (see below)
  useEffect(() => {
    const controller = new AbortController();
    setPages((previous) => ({ ...previous, loading: true, error: undefined }));
    graphqlRequest<Data>(query, JSON.parse(key), { token, signal: controller.signal }).then(
      (data) => {
        const page = select(data);
        setPages({
          nodes: page.nodes,
          first: page,
          endCursor: page.pageInfo.endCursor,
          hasNextPage: page.pageInfo.hasNextPage,
          loading: false,
        });
      },
      (error: Error) => controller.signal.aborted || setPages((previous) => ({ ...previous, loading: false, error })),
    );
    return () => controller.abort();
    // `select` is left out: it is a pure projection, and a new function each render would refetch every render.
  }, [query, key, token]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: select is a projection (see below)
  const loadMore = useCallback(() => {
    if (!pages.endCursor) return;
    setPages((previous) => ({ ...previous, loading: true }));
    graphqlRequest<Data>(query, { ...JSON.parse(key), ...JSON.parse(nextKey), after: pages.endCursor }, { token }).then(
      (data) => {
        const page = select(data);
        setPages((previous) => ({
          ...previous,
          nodes: [...previous.nodes, ...page.nodes],
          endCursor: page.pageInfo.endCursor,
          hasNextPage: page.pageInfo.hasNextPage,
          loading: false,
        }));
      },
      (error: Error) => setPages((previous) => ({ ...previous, loading: false, error })),
    );
  }, [query, key, nextKey, token, pages.endCursor]);

  return { ...pages, totalCount: pages.first?.totalCount ?? 0, loadMore };
}
