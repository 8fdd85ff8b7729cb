import { useCallback, useEffect, useState } from "react";
import { graphqlRequest } from "../../lib/graphql/client.ts";
import { LISTINGS_QUERY, type ListingCardData, type ListingOrder, type ListingPage } from "./listing-queries.ts";

const PAGE_SIZE = 12;

interface Pages {
  nodes: ListingCardData[];
  first?: ListingPage;
  endCursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  error?: Error;
}

/** The first page (with facets) for a search, then further pages on the Relay cursor, appended. */
export function useListingPages(search: string, filter: Record<string, unknown>, orderBy: ListingOrder) {
  const [pages, setPages] = useState<Pages>({ nodes: [], endCursor: null, hasNextPage: false, loading: true });
  const key = JSON.stringify({ search, filter, orderBy });

  useEffect(() => {
    const controller = new AbortController();
    setPages((previous) => ({ ...previous, loading: true, error: undefined }));
    const variables = { ...JSON.parse(key), search: search || null, first: PAGE_SIZE, withFacets: true };
    graphqlRequest<{ listings: ListingPage }>(LISTINGS_QUERY, variables, { signal: controller.signal }).then(
      ({ listings }) => setPages({ nodes: listings.nodes, first: listings, endCursor: listings.pageInfo.endCursor, hasNextPage: listings.pageInfo.hasNextPage, loading: false }),
      (error: Error) => controller.signal.aborted || setPages((previous) => ({ ...previous, loading: false, error })),
    );
    return () => controller.abort();
  }, [key, search]);

  const loadMore = useCallback(() => {
    if (!pages.endCursor) return;
    setPages((previous) => ({ ...previous, loading: true }));
    const variables = { ...JSON.parse(key), search: search || null, first: PAGE_SIZE, after: pages.endCursor, withFacets: false };
    graphqlRequest<{ listings: ListingPage }>(LISTINGS_QUERY, variables).then(
      ({ listings }) =>
        setPages((previous) => ({ ...previous, nodes: [...previous.nodes, ...listings.nodes], endCursor: listings.pageInfo.endCursor, hasNextPage: listings.pageInfo.hasNextPage, loading: false })),
      (error: Error) => setPages((previous) => ({ ...previous, loading: false, error })),
    );
  }, [key, search, pages.endCursor]);

  return { ...pages, totalCount: pages.first?.totalCount ?? 0, facets: pages.first?.facets, loadMore };
}
