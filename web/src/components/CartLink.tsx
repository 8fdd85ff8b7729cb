import { NavLink } from "react-router";
import { itemCount } from "../lib/cart/cart.ts";
import { useCart } from "../lib/cart/CartContext.tsx";

export function CartLink() {
  const { cart } = useCart();
  const count = itemCount(cart);
  return (
    <NavLink to="/cart" className="cart-link" aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}>
      Cart{" "}
      <span className="badge" aria-hidden="true">
        {count}
      </span>
    </NavLink>
  );
}
