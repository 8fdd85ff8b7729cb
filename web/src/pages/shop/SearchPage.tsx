import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Notice } from "../../components/Notice.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useStorefrontConfig } from "../../lib/config/ConfigContext.tsx";
import { describeError } from "../../lib/errors/describe-error.ts";
import { tokenOf } from "../../lib/format.ts";
import { useConnectionPages } from "../../lib/graphql/useConnectionPages.ts";
import { Facets } from "./Facets.tsx";
import { LISTINGS_QUERY, type ListingCardData, type ListingOrder, type ListingPage } from "./listing-queries.ts";
import { ProductCard } from "./ProductCard.tsx";
import { readShopSearch, toListingFilter, writeShopSearch, type ShopSearch } from "./search-params.ts";

const PAGE_SIZE = 12;
/**
 * User-timing mark of the first product grid on screen since navigation start (read by the browser tests and
 * any RUM tool).
 */
export const FIRST_GRID_MARK = "storefront:first-product-grid";

const SORT_LABELS: Record<ListingOrder, string> = {
  RELEVANCE: "Best match",
  PRICE_ASC: "Price: low to high",
  PRICE_DESC: "Price: high to low",
  NEWEST: "Newest",
  RATING: "Best rated",
};

export function SearchPage() {
  usePageTitle("Shop");
  const { tokens } = useStorefrontConfig();
  const [params, setParams] = useSearchParams();
  const search = readShopSearch(params);
  const [text, setText] = useState(search.q);
  const filter = toListingFilter(search, search.token ? tokenOf(tokens, search.token).decimals : null);
  const pages = useConnectionPages<{ listings: ListingPage }, ListingCardData, ListingPage>(
    LISTINGS_QUERY,
    { search: search.q || null, filter, orderBy: search.sort, first: PAGE_SIZE, withFacets: true },
    { select: (data) => data.listings, next: { withFacets: false } },
  );
  const facets = pages.first?.facets;
  const gridShown = pages.nodes.length > 0;
  useEffect(() => {
    if (gridShown && performance.getEntriesByName(FIRST_GRID_MARK).length === 0) performance.mark(FIRST_GRID_MARK);
  }, [gridShown]);
  const update = (next: Partial<ShopSearch>) =>
    setParams(writeShopSearch({ ...search, ...next }), { replace: true, flushSync: true });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(writeShopSearch({ ...search, q: text.trim() }));
  };

  return (
    <section className="page shop">
      <h1 className="visually-hidden">Shop</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role search, as WAI-ARIA's examples;
          <search> is too new */}
      <form role="search" className="search-bar" onSubmit={submit}>
        <label htmlFor="search-text" className="visually-hidden">
          Search products
        </label>
        <input
          id="search-text"
          type="search"
          placeholder="Search coffee, linen, mugs…"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <div className="shop__body">
        <Facets facets={facets} search={search} onChange={update} />
        <div className="shop__results">
          <div className="results-bar">
            <p role="status" aria-live="polite">
              {pages.loading && !pages.first
                ? "Loading products…"
                : `${pages.totalCount} ${pages.totalCount === 1 ? "product" : "products"}`}
            </p>
            <label className="field field--inline">
              <span>Sort by</span>
              <select value={search.sort} onChange={(event) => update({ sort: event.target.value as ListingOrder })}>
                {Object.entries(SORT_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {pages.error && (
            <Notice tone="error" title="Products could not be loaded">
              {describeError(pages.error)}
            </Notice>
          )}
          {pages.first && pages.nodes.length === 0 && (
            <Notice title="No products match">Try other words or fewer filters.</Notice>
          )}
          <ul className="product-grid" aria-label="Products" aria-busy={pages.loading}>
            {pages.nodes.map((listing) => (
              <li key={listing.id}>
                <ProductCard listing={listing} />
              </li>
            ))}
          </ul>
          <LoadMore pages={pages} />
        </div>
      </div>
    </section>
  );
}
