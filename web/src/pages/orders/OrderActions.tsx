import { useEffect, useState } from "react";
import { Notice } from "../../components/Notice.tsx";
import { useAsyncAction } from "../../components/useAsyncAction.ts";
import { useStorefrontConfig } from "../../lib/config/ConfigContext.tsx";
import { cancelOrder, confirmDelivery, isReviewed, type Actor } from "../../lib/orders/order-actions.ts";
import type { Order } from "../../lib/orders/order-queries.ts";
import { useWallet } from "../../lib/wallet/WalletContext.tsx";
import { DisputeForm } from "./DisputeForm.tsx";
import { ReviewForm } from "./ReviewForm.tsx";

/** What the buyer can do with the order in its current status. */
export function OrderActions({ order }: { order: Order }) {
  const wallet = useWallet();
  const { contracts } = useStorefrontConfig();
  const { busy, error, run } = useAsyncAction();
  if (!wallet.walletClient || !wallet.publicClient || !wallet.account) return null;
  const actor: Actor = { wallet: wallet.walletClient, client: wallet.publicClient, account: wallet.account, contracts };
  const reviewable = order.status === "Completed" || order.status === "Resolved";
  return (
    <section className="order-actions" aria-label="Order actions">
      {order.status === "Placed" && (
        <button
          type="button"
          onClick={() => void run("cancel", () => cancelOrder(actor, order))}
          disabled={Boolean(busy)}
        >
          {busy === "cancel" ? "Cancelling…" : "Cancel order (full refund)"}
        </button>
      )}
      {order.status === "Shipped" && (
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
      {reviewable && <ReviewGate actor={actor} order={order} />}
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
