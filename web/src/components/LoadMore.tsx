/** The "Load more" button under a list read page by page. */
export function LoadMore({ pages }: { pages: { hasNextPage: boolean; loading: boolean; loadMore(): void } }) {
  if (!pages.hasNextPage) return null;
  return (
    <button type="button" className="load-more" onClick={pages.loadMore} disabled={pages.loading}>
      {pages.loading ? "Loading…" : "Load more"}
    </button>
  );
}
