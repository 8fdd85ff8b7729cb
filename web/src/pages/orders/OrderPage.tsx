import { useParams } from "react-router";
import { Notice } from "../../components/Notice.tsx";
import { describeStatus, OrderStatusBadge } from "../../components/OrderStatusBadge.tsx";
import { Price } from "../../components/Price.tsx";
import { RequireSession } from "../../components/RequireSession.tsx";
import { TxHash } from "../../components/TxHash.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { describeError } from "../../lib/errors/describe-error.ts";
import { formatDate } from "../../lib/format.ts";
import { useSession } from "../../lib/session/SessionContext.tsx";
import { OrderTracedItems } from "../provenance/TracedItems.tsx";
import { OrderActions } from "./OrderActions.tsx";
import { ParcelTracking } from "./ParcelTracking.tsx";
import { useLiveOrder } from "./useLiveOrder.ts";

export function OrderPage() {
  const { id } = useParams() as { id: string };
  usePageTitle(`Order #${id}`);
  return (
    <section className="page order">
      <h1>Order #{id}</h1>
      <RequireSession action="see this order">
        <OrderDetail id={id} />
      </RequireSession>
    </section>
  );
}

function OrderDetail({ id }: { id: string }) {
  const { session } = useSession();
  const { order, error, live, waiting } = useLiveOrder(id, session?.token ?? null);
  if (error && !order)
    return (
      <Notice tone="error" title="This order could not be loaded">
        {describeError(error)}
      </Notice>
    );
  if (!order)
    return (
      <p className="loading" role="status">
        {waiting ? "Waiting for the ledger's index to show this order (placed a moment ago?)…" : "Loading the order…"}
      </p>
    );
  return (
    <div className="order__body">
      <div className="order__status" aria-live="polite">
        <OrderStatusBadge status={order.status} /> <span>{describeStatus(order.status)}</span>
        <span className={`live ${live ? "live--on" : ""}`}>
          {live ? "Live updates on" : "Live updates off (reload to refresh)"}
        </span>
      </div>
      <p>
        From {order.merchant.profile?.name ?? order.merchant.address} · total{" "}
        <Price amount={order.total} token={order.token} />
        {BigInt(order.refunded) > 0n && (
          <>
            {" "}
            · refunded <Price amount={order.refunded} token={order.token} />
          </>
        )}
      </p>
      <ul className="order__lines">
        {order.lines.map((line) => (
          <li key={line.listingId}>
            {line.listing?.media[0] && <img src={line.listing.media[0].thumbnail.url} alt="" width={48} height={48} />}
            {line.quantity} × {line.listing?.title ?? line.listingId}
          </li>
        ))}
      </ul>
      <p className="muted">
        Ship by {formatDate(order.shipBy)}
        {order.confirmBy && <> · confirm or dispute by {formatDate(order.confirmBy)}</>}
      </p>
      {order.tracking && <ParcelTracking tracking={order.tracking} />}
      <OrderActions order={order} />
      <h2>Timeline</h2>
      <ol className="timeline" data-testid="order-timeline">
        {order.timeline.map((event) => (
          <li key={`${event.txHash}-${event.event}`}>
            <strong>{event.event.replace(/^Order/, "")}</strong>
            {event.event !== `Order${event.status}` && <> → {event.status}</>}{" "}
            <span className="muted">
              block {event.blockNumber}, transaction <TxHash hash={event.txHash} />
            </span>
          </li>
        ))}
      </ol>
      <OrderTracedItems orderId={order.id} />
    </div>
  );
}
