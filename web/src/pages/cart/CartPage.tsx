import { Link } from "react-router";
import { Price } from "../../components/Price.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { groupCart } from "../../lib/cart/cart.ts";
import { useCart } from "../../lib/cart/CartContext.tsx";

/** The cart as one future order per merchant and payment token. */
export function CartPage() {
  usePageTitle("Cart");
  const { cart, setQuantity, remove } = useCart();
  const groups = groupCart(cart);
  return (
    <section className="page cart">
      <h1>Your cart</h1>
      {groups.length === 0 && (
        <p>
          Your cart is empty. <Link to="/">Browse the shop</Link>
        </p>
      )}
      {groups.map((group) => (
        <section key={group.key} className="cart-group" aria-labelledby={`group-${group.key}`}>
          <h2 id={`group-${group.key}`}>Order from {group.merchantName ?? group.merchant}</h2>
          <ul className="cart-lines">
            {group.lines.map((line) => (
              <li key={line.listingId} className="cart-line">
                {line.thumbnailUrl && <img src={line.thumbnailUrl} alt="" width={64} height={64} />}
                <Link to={`/listing/${line.listingId}`}>{line.title}</Link>
                <label className="field field--inline">
                  <span>Quantity</span>
                  <input
                    type="number"
                    min={1}
                    max={line.stock}
                    value={line.quantity}
                    onChange={(event) => setQuantity(line.listingId, Number(event.target.value))}
                  />
                </label>
                <Price amount={BigInt(line.unitPrice) * BigInt(line.quantity)} token={line.token} />
                <button
                  type="button"
                  className="button--link"
                  onClick={() => remove([line.listingId])}
                  aria-label={`Remove ${line.title}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <p className="cart-group__total">
            Total <Price amount={group.total} token={group.token} />
          </p>
          <Link className="button button--primary" to={`/checkout/${encodeURIComponent(group.key)}`}>
            Check out this order
          </Link>
        </section>
      ))}
    </section>
  );
}
