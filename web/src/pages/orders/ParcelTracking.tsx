import type { Order } from "../../lib/orders/order-queries.ts";

/** The shipped parcel's carrier and number, linked to its tracking page when the API knows one. */
export function ParcelTracking({ tracking }: { tracking: NonNullable<Order["tracking"]> }) {
  return (
    <p data-testid="order-tracking">
      Shipped with {tracking.carrier}, tracking number <strong>{tracking.trackingNumber}</strong>
      {tracking.url && (
        <>
          {" · "}
          <a href={tracking.url} target="_blank" rel="noopener noreferrer">
            Track the parcel
          </a>
        </>
      )}
    </p>
  );
}
