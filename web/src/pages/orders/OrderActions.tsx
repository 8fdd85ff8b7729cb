import { useEffect, useState } from "react";
import { EscrowBalances } from "../../components/EscrowBalances.tsx";
import { Notice } from "../../components/Notice.tsx";
import { useAsyncAction } from "../../components/useAsyncAction.ts";
import { useStorefrontConfig } from "../../lib/config/ConfigContext.tsx";
import { dueCall } from "../../../../sdk/deadlines.ts";
import { OPEN_ORDER_STATUSES, ORDER_STATUS } from "../../../../sdk/statuses.ts";
import { formatDate } from "../../lib/format.ts";
import {
  cancelOrder,
  confirmDelivery,
  endOverdueOrder,
  isReviewed,
  type Actor,
} from "../../lib/orders/order-actions.ts";
import type { Order } from "../../lib/orders/order-queries.ts";
import { useLedgerNow } from "../../lib/wallet/useLedgerNow.ts";
import { useWallet } from "../../lib/wallet/WalletContext.tsx";
import { DisputeForm } from "./DisputeForm.tsx";
import { ReviewForm } from "./ReviewForm.tsx";

/**
 * What the connected account can do with the order now: the buyer cancels, confirms, disputes, reviews, and reclaims
 * an order not shipped in time; the merchant collects one whose buyer let the confirmation window pass. Once the
 * order has credited money in the escrow (a refund, a sale), either sees it with a Withdraw button.
 */
export function OrderActions({ order }: { order: Order }) {
  const wallet = useWallet();
  const { contracts } = useStorefrontConfig();
  const { busy, error, run } = useAsyncAction();
  const now = useLedgerNow();
  if (!wallet.walletClient || !wallet.publicClient || !wallet.account) return null;
  const actor: Actor = { wallet: wallet.walletClient, client: wallet.publicClient, account: wallet.account, contracts };
  const reviewable = order.status === "Completed" || order.status === "Resolved";
  const overdue = dueCall(
    {
      status: order.status,
      shipBy: seconds(order.shipBy),
      confirmBy: order.confirmBy === null ? null : seconds(order.confirmBy),
    },
    seconds(now),
  );
  const me = wallet.account.toLowerCase();
  const buyer = me === order.terms.buyer.toLowerCase();
  const credited = !OPEN_ORDER_STATUSES.includes(ORDER_STATUS[order.status]) || BigInt(order.refunded) > 0n;
  return (
    <section className="order-actions" aria-label="Order actions">
      {overdue?.call === "reclaimOrder" && buyer && (
        <div className="order-actions__overdue">
          <p>The merchant did not ship by {formatDate(order.shipBy)}: you can take your payment back.</p>
          <button
            type="button"
            className="button--primary"
            onClick={() => void run("reclaim", () => endOverdueOrder(actor, order, "reclaimOrder"))}
            disabled={Boolean(busy)}
          >
            {busy === "reclaim" ? "Reclaiming…" : "Reclaim payment"}
          </button>
        </div>
      )}
      {overdue?.call === "finalizeOrder" && me === order.terms.merchant.toLowerCase() && (
        <div className="order-actions__overdue">
          <p>The buyer did not confirm delivery by {formatDate(order.confirmBy!)}: the payment is yours to collect.</p>
          <button
            type="button"
            className="button--primary"
            onClick={() => void run("collect", () => endOverdueOrder(actor, order, "finalizeOrder"))}
            disabled={Boolean(busy)}
          >
            {busy === "collect" ? "Collecting…" : "Collect payment"}
          </button>
        </div>
      )}
      {order.status === "Placed" && buyer && (
        <button
          type="button"
          onClick={() => void run("cancel", () => cancelOrder(actor, order))}
          disabled={Boolean(busy)}
        >
          {busy === "cancel" ? "Cancelling…" : "Cancel order (full refund)"}
        </button>
      )}
      {order.status === "Shipped" && buyer && (
        <>
          <button
            type="button"
            className="button--primary"
            onClick={() => void run("confirm", () => confirmDelivery(actor, order))}
            disabled={Boolean(busy)}
          >
            {busy === "confirm" ? "Confirming…" : "Confirm delivery"}
          </button>
          <DisputeForm actor={actor} order={order} />
        </>
      )}
      {reviewable && buyer && <ReviewGate actor={actor} order={order} />}
      {credited && <EscrowBalances key={`${order.status}-${order.refunded}`} address={wallet.account} />}
      {error && <Notice tone="error">{error}</Notice>}
    </section>
  );
}

/** The review form, once the chain says the order has no review yet. */
function ReviewGate({ actor, order }: { actor: Actor; order: Order }) {
  const [reviewed, setReviewed] = useState<boolean>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked once per order
  useEffect(() => {
    void isReviewed(actor, order.id).then(setReviewed, () => setReviewed(false));
  }, [order.id]);
  if (reviewed === undefined) return null;
  if (reviewed) return <p>You reviewed this order. Thank you!</p>;
  return <ReviewForm actor={actor} order={order} onDone={() => setReviewed(true)} />;
}

/** Unix seconds of an ISO timestamp or of milliseconds. */
function seconds(time: string | number): number {
  return Math.floor((typeof time === "number" ? time : Date.parse(time)) / 1000);
}
