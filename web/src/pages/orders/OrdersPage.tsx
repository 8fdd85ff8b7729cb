import { Link } from "react-router";
import { EscrowBalances } from "../../components/EscrowBalances.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { Notice } from "../../components/Notice.tsx";
import { OrderStatusBadge } from "../../components/OrderStatusBadge.tsx";
import { Price } from "../../components/Price.tsx";
import { RequireSession } from "../../components/RequireSession.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { describeError } from "../../lib/errors/describe-error.ts";
import { useConnectionPages, type Connection } from "../../lib/graphql/useConnectionPages.ts";
import { MY_ORDERS_QUERY, type Order } from "../../lib/orders/order-queries.ts";
import { useSession } from "../../lib/session/SessionContext.tsx";

export function OrdersPage() {
  usePageTitle("My orders");
  return (
    <section className="page">
      <h1>My orders</h1>
      <RequireSession action="see your orders">
        <OrderList />
      </RequireSession>
    </section>
  );
}

function OrderList() {
  const { session, signOut } = useSession();
  const pages = useConnectionPages<{ orders: Connection<Order> }, Order>(
    MY_ORDERS_QUERY,
    {},
    { select: (data) => data.orders, token: session?.token },
  );
  if (pages.error && !pages.first)
    return (
      <Notice tone="error" title="Your orders could not be loaded">
        {describeError(pages.error)}
      </Notice>
    );
  if (!pages.first)
    return (
      <p className="loading" role="status">
        Loading your orders…
      </p>
    );
  return (
    <>
      <p className="muted">
        Signed in as <code>{session?.address}</code>.{" "}
        <button type="button" className="button--link" onClick={() => void signOut()}>
          Sign out
        </button>
      </p>
      {session && <EscrowBalances address={session.address} />}
      {pages.nodes.length === 0 && (
        <p>
          No orders yet. <Link to="/">Start shopping</Link>
        </p>
      )}
      <ul className="order-list">
        {pages.nodes.map((order) => (
          <li key={order.id} className="order-row" data-testid="order-row">
            <Link to={`/orders/${order.id}`}>Order #{order.id}</Link>
            <span>{order.merchant.profile?.name ?? order.merchant.address}</span>
            <span>{order.lines.map((line) => `${line.quantity} × ${line.listing?.title ?? "item"}`).join(", ")}</span>
            <Price amount={order.total} token={order.token} />
            <OrderStatusBadge status={order.status} />
          </li>
        ))}
      </ul>
      <LoadMore pages={pages} />
    </>
  );
}
