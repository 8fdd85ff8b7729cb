import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { Notice } from "../../components/Notice.tsx";
import { Price } from "../../components/Price.tsx";
import { Progress } from "../../components/Progress.tsx";
import { RequireSession } from "../../components/RequireSession.tsx";
import { TxHash } from "../../components/TxHash.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { groupCart } from "../../lib/cart/cart.ts";
import { useCart } from "../../lib/cart/CartContext.tsx";
import { describeError } from "../../lib/errors/describe-error.ts";
import { useQuery } from "../../lib/graphql/useQuery.ts";
import type { ShippingDetails } from "../../lib/checkout/seal-shipping.ts";
import { type ListingShipping, SHIPPING_FIELDS, shippingTo } from "../../lib/shipping/shipping.ts";
import { ShippingForm } from "./ShippingForm.tsx";
import { type CheckoutState, useCheckout } from "./useCheckout.ts";

/** Each line's listing with where it ships (aliased l0, l1, …: one request for the whole order). */
const shippingQuery = (listingIds: readonly string[]) => {
  const fields = listingIds.map((id, i) => `l${i}: listing(id: "${id}") { title ${SHIPPING_FIELDS} }`);
  return `query Shipping { ${fields.join(" ")} }`;
};

const MERCHANT_KEY_QUERY = /* GraphQL */ `
  query MerchantKey($address: Address!) { merchant(address: $address) { status profile { name encryptionPublicKey } } }
`;

interface MerchantKey {
  merchant: { status: string; profile: { name: string; encryptionPublicKey: string } | null };
}

/** Checkout of one cart group (one merchant, one payment token) as one order. */
export function CheckoutPage() {
  usePageTitle("Checkout");
  const { key } = useParams() as { key: string };
  const { cart, remove } = useCart();
  // The group is fixed when checkout starts, so removing its lines from the cart afterwards keeps the receipt
  // on screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: fixed when checkout starts (above)
  const group = useMemo(() => groupCart(cart).find((candidate) => candidate.key === key), [key]);
  const merchant = useQuery<MerchantKey>(MERCHANT_KEY_QUERY, { address: group?.merchant }, { skip: !group });
  const encryptionKey = merchant.data?.merchant.profile?.encryptionPublicKey;
  const checkout = useCheckout(group, encryptionKey, () => group && remove(group.lines.map((line) => line.listingId)));
  const [voucherCode, setVoucherCode] = useState("");
  const [refusal, setRefusal] = useState<string>();
  const ids = group?.lines.map((line) => line.listingId) ?? [];
  const shipping = useQuery<Record<string, { title: string; shipping: ListingShipping | null }>>(
    shippingQuery(ids),
    {},
    { skip: !group },
  );
  const placeOrder = (details: ShippingDetails) => {
    const listings = ids.map((_, i) => shipping.data?.[`l${i}`]).filter((listing) => listing !== undefined);
    const quote = listings.length === ids.length ? shippingTo(listings, details.country) : undefined;
    if (!quote) return setRefusal("Where these products ship is still loading. Try again in a moment.");
    if ("refusal" in quote) return setRefusal(quote.refusal);
    setRefusal(undefined);
    void checkout.run(details, quote.cost, voucherCode.trim());
  };

  if (!group) {
    return (
      <section className="page">
        <h1>Checkout</h1>
        <p>
          This order is no longer in your cart. <Link to="/cart">Back to the cart</Link>
        </p>
      </section>
    );
  }
  const name = merchant.data?.merchant.profile?.name ?? group.merchantName ?? group.merchant;
  const placed = checkout.orderId !== undefined;
  return (
    <section className="page checkout">
      <h1>Checkout: order from {name}</h1>
      <ul className="checkout__lines">
        {group.lines.map((line) => (
          <li key={line.listingId}>
            {line.quantity} × {line.title}{" "}
            <Price amount={BigInt(line.unitPrice) * BigInt(line.quantity)} token={line.token} />
          </li>
        ))}
      </ul>
      <p className="checkout__total">
        Total <Price amount={group.total} token={group.token} /> plus shipping{" "}
        <span className="muted">held in escrow until you confirm delivery</span>
      </p>
      {checkout.charges && <Charges charges={checkout.charges} voucherCode={voucherCode} token={group.token} />}
      {merchant.error && (
        <Notice tone="error" title="The merchant could not be loaded">
          {describeError(merchant.error)}
        </Notice>
      )}
      {merchant.data && !encryptionKey && (
        <Notice tone="error">
          This merchant has no encryption key in its profile, so no address can be sent to it safely.
        </Notice>
      )}
      <RequireSession action="place this order">
        {!placed && (
          <label className="field">
            <span>Voucher code (optional)</span>
            <input
              name="voucherCode"
              value={voucherCode}
              disabled={checkout.running}
              autoComplete="off"
              onChange={(event) => setVoucherCode(event.target.value)}
            />
          </label>
        )}
        {!placed && (
          <ShippingForm
            disabled={checkout.running || !encryptionKey}
            submitLabel={`Place order and pay`}
            onSubmit={placeOrder}
          />
        )}
        {refusal && (
          <Notice tone="error" title="We cannot ship there">
            {refusal}
          </Notice>
        )}
      </RequireSession>
      {checkout.steps.length > 0 && <Progress label="Order progress" steps={checkout.steps} />}
      {checkout.error && (
        <Notice tone="error" title="The order was not placed">
          <p>{checkout.error}</p>
          <p>
            <Link to="/cart">Change your cart</Link>
          </p>
        </Notice>
      )}
      {placed && (
        <Notice tone="success" title={`Order #${checkout.orderId} confirmed`}>
          <p>
            Paid into escrow in transaction <TxHash hash={checkout.txHash!} />.
          </p>
          <p>
            <Link to={`/orders/${checkout.orderId}`}>Follow your order</Link>
          </p>
        </Notice>
      )}
    </section>
  );
}

/** What the escrow charges once the order is prepared: shipping to the stated country, the voucher, the total. */
function Charges({
  charges,
  voucherCode,
  token,
}: {
  charges: NonNullable<CheckoutState["charges"]>;
  voucherCode: string;
  token: string;
}) {
  return (
    <p className="checkout__charges" role="status">
      Shipping to {charges.shipTo}:{" "}
      {charges.shipping === "0" ? "free" : <Price amount={charges.shipping} token={token} />}
      {charges.discount !== "0" && (
        <>
          ; voucher {voucherCode.toUpperCase()}: <Price amount={charges.discount} token={token} /> off
        </>
      )}
      ; you pay <Price amount={charges.total} token={token} />
    </p>
  );
}
