import { Link } from "react-router";
import { OrderStatusBadge } from "../../components/OrderStatusBadge.tsx";
import { Price } from "../../components/Price.tsx";
import { formatDate } from "../../lib/format.ts";
import { ordersToShip } from "./dashboard.ts";
import type { MerchantOrder } from "./merchant-queries.ts";

/** Placed and accepted orders, the nearest ship-by deadline first; late ones say so. */
export function OrdersToShip({ orders, now }: { orders: MerchantOrder[]; now: number }) {
  const due = ordersToShip(orders);
  if (due.length === 0) return <p>Nothing to ship: every order is on its way or settled.</p>;
  return (
    <ul className="merchant-list" data-testid="orders-to-ship">
      {due.map((order) => {
        const late = Date.parse(order.shipBy) < now;
        return (
          <li key={order.id} className="merchant-list__row" data-testid="order-to-ship">
            <Link to={`/orders/${order.id}`}>Order #{order.id}</Link>
            <span>{order.lines.map((line) => `${line.quantity} × ${line.listing?.title ?? "item"}`).join(", ")}</span>
            <Price amount={order.total} token={order.token} />
            <OrderStatusBadge status={order.status} />
            <span className={late ? "deadline deadline--late" : "deadline"}>
              {late ? "Late: ship by was " : "Ship by "}
              <time dateTime={order.shipBy}>{formatDate(order.shipBy)}</time>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
