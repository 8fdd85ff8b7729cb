import { Link } from "react-router";
import type { Hex } from "viem";
import { useQuery } from "../../lib/graphql/useQuery.ts";
import { describeEpc } from "./vocabulary.ts";

const LISTING_ITEMS_QUERY = /* GraphQL */ `query ListingItems($id: Bytes32!) { listing(id: $id) { items { id epc status } } }`;

/** Links to the provenance traces of a product's physical items (lots, units, shipments); nothing when none is traced. */
export function TracedItems({ listingId }: { listingId: Hex }) {
  const { data } = useQuery<{ listing: { items: { id: Hex; epc: string; status: string }[] } }>(LISTING_ITEMS_QUERY, { id: listingId });
  const items = data?.listing.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="traced-items" aria-labelledby="traced-items-title">
      <h2 id="traced-items-title">Provenance</h2>
      <p>Physical items of this product traced on the ledger, from their origin:</p>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/provenance/${item.id}`} data-testid="traced-item">{describeEpc(item.epc)}</Link>
            {item.status === "Consumed" && <span className="muted"> (made into another lot)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
