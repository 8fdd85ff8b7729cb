import { useStorefrontConfig } from "../../lib/config/ConfigContext.tsx";
import { formatAmount, tokenOf } from "../../lib/format.ts";
import type { ListingPage } from "./listing-queries.ts";
import type { ShopSearch } from "./search-params.ts";

interface FacetsProps {
  facets: ListingPage["facets"];
  search: ShopSearch;
  onChange(next: Partial<ShopSearch>): void;
}

/** Category and price filters with counts for the current search; every control is a labelled form field. */
export function Facets({ facets, search, onChange }: FacetsProps) {
  const { tokens } = useStorefrontConfig();
  const selectedToken = search.token ? tokenOf(tokens, search.token) : null;
  return (
    <aside className="facets" aria-label="Filters">
      <fieldset>
        <legend>Category</legend>
        <ul className="facet-list">
          <li>
            <label>
              <input
                type="radio"
                name="category"
                checked={!search.category}
                onChange={() => onChange({ category: "" })}
              />{" "}
              All categories
            </label>
          </li>
          {facets?.categories.map(({ category, count }) => (
            <li key={category}>
              <label>
                <input
                  type="radio"
                  name="category"
                  value={category}
                  checked={search.category === category}
                  onChange={() => onChange({ category })}
                />{" "}
                {category} <span className="facet-count">({count})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>Price</legend>
        <label className="field">
          <span>Currency</span>
          <select
            value={search.token}
            onChange={(event) => onChange({ token: event.target.value, minPrice: "", maxPrice: "" })}
          >
            <option value="">Any currency</option>
            {facets?.prices.map((range) => {
              const token = tokenOf(tokens, range.token);
              return (
                <option key={range.token} value={range.token}>
                  {token.symbol ?? range.token}: {formatAmount(range.min, token)} – {formatAmount(range.max, token)} (
                  {range.count})
                </option>
              );
            })}
          </select>
        </label>
        {selectedToken && (
          <div className="price-range">
            <label className="field">
              <span>Min ({selectedToken.symbol})</span>
              <input
                inputMode="decimal"
                value={search.minPrice}
                onChange={(event) => onChange({ minPrice: event.target.value })}
              />
            </label>
            <label className="field">
              <span>Max ({selectedToken.symbol})</span>
              <input
                inputMode="decimal"
                value={search.maxPrice}
                onChange={(event) => onChange({ maxPrice: event.target.value })}
              />
            </label>
          </div>
        )}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={search.inStock}
          onChange={(event) => onChange({ inStock: event.target.checked })}
        />{" "}
        In stock only
      </label>
    </aside>
  );
}
