import type { OrderStatus } from "../lib/orders/order-queries.ts";

const DESCRIPTIONS: Record<OrderStatus, string> = {
  Placed: "Paid into escrow, waiting for the merchant",
  Accepted: "Accepted by the merchant",
  Shipped: "On its way",
  Disputed: "In dispute",
  Completed: "Delivered and paid out",
  Cancelled: "Cancelled, refunded",
  Rejected: "Rejected by the merchant, refunded",
  Refunded: "Refunded",
  Reclaimed: "Not shipped in time, refunded",
  Resolved: "Dispute resolved",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`status status--${status.toLowerCase()}`} data-testid="order-status" title={DESCRIPTIONS[status]}>
      {status}
    </span>
  );
}

export const describeStatus = (status: OrderStatus) => DESCRIPTIONS[status];
