import { Link } from "react-router";
import type { Hex } from "viem";
import { useQuery } from "../../lib/graphql/useQuery.ts";
import { useSession } from "../../lib/session/SessionContext.tsx";
import { describeEpc } from "./vocabulary.ts";

interface TracedItem {
  id: Hex;
  epc: string;
  status: string;
}

const LISTING_ITEMS_QUERY = /* GraphQL */ `
  query ListingItems($id: Bytes32!) { listing(id: $id) { items { id epc status } } }
`;
const ORDER_ITEMS_QUERY = /* GraphQL */ `
  query OrderItems($id: UInt256!) { order(id: $id) { items { id epc status } } }
`;

/** On a product page: the product's physical items traced on the ledger. */
export function ListingTracedItems({ listingId }: { listingId: Hex }) {
  const { data } = useQuery<{ listing: { items: TracedItem[] } }>(LISTING_ITEMS_QUERY, { id: listingId });
  return (
    <TracedItems
      items={data?.listing.items ?? []}
      intro="Physical items of this product traced on the ledger, from their origin:"
    />
  );
}

/** On an order page: what the merchant packed for the order and the shipment it went in. */
export function OrderTracedItems({ orderId }: { orderId: string }) {
  const { session } = useSession();
  const { data } = useQuery<{ order: { items: TracedItem[] } }>(
    ORDER_ITEMS_QUERY,
    { id: orderId },
    { token: session?.token },
  );
  return <TracedItems items={data?.order.items ?? []} intro="What was packed for this order, traced on the ledger:" />;
}

/** Links to the provenance traces of items (lots, units, shipments); nothing when none is traced. */
function TracedItems({ items, intro }: { items: TracedItem[]; intro: string }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="traced-items-title">
      <h2 id="traced-items-title">Provenance</h2>
      <p>{intro}</p>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/provenance/${item.id}`} data-testid="traced-item">
              {describeEpc(item.epc)}
            </Link>
            {item.status === "Consumed" && <span className="muted"> (made into another item)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
