import { useId, useState } from "react";
import { Link } from "react-router";
import { lowStock } from "./dashboard.ts";
import type { MerchantListing } from "./merchant-queries.ts";

const DEFAULT_THRESHOLD = 20;

/** Active listings with fewer units left than a threshold the merchant chooses, fewest first. */
export function LowStock({ listings }: { listings: MerchantListing[] }) {
  const inputId = useId();
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD);
  const low = lowStock(listings, threshold);
  return (
    <>
      <div className="field field--inline">
        <label htmlFor={inputId}>Show listings with fewer units than</label>
        <input
          id={inputId}
          type="number"
          min={1}
          step={1}
          value={threshold}
          onChange={(event) => setThreshold(Math.max(1, Number(event.target.value) || 1))}
          className="threshold-input"
        />
      </div>
      {low.length === 0 ? (
        <p>No active listing has fewer than {threshold} units left.</p>
      ) : (
        <ul className="merchant-list" data-testid="low-stock" aria-live="polite">
          {low.map((listing) => (
            <li
              key={listing.id}
              className="merchant-list__row merchant-list__row--stock"
              data-testid="low-stock-listing"
            >
              <Link to={`/listing/${listing.id}`}>{listing.title ?? "Untitled product"}</Link>
              <span className={Number(listing.stock) === 0 ? "stock stock--out" : "stock stock--low"}>
                {listing.stock === "0" ? "Sold out" : `${listing.stock} of ${listing.quantity} left`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
