import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Hex } from "viem";
import { addToCart, removeLines, setQuantity, type Cart, type CartLine } from "./cart.ts";

export interface CartState {
  cart: Cart;
  add(line: CartLine): void;
  setQuantity(listingId: Hex, quantity: number): void;
  remove(listingIds: readonly Hex[]): void;
}

const STORAGE_KEY = "storefront.cart.v1";
const CartContext = createContext<CartState | null>(null);

function load(): Cart {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as Cart) : [];
  } catch {
    return [];
  }
}

/** The cart, kept in localStorage so it survives reloads and is shared by the browser's tabs. */
export function CartProvider({ children }: { children: ReactNode }) {
  const [cart, setCart] = useState<Cart>(load);
  useEffect(() => localStorage.setItem(STORAGE_KEY, JSON.stringify(cart)), [cart]);
  useEffect(() => {
    const onStorage = (event: StorageEvent) => event.key === STORAGE_KEY && setCart(load());
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);
  const add = useCallback((line: CartLine) => setCart((current) => addToCart(current, line)), []);
  const setLineQuantity = useCallback(
    (listingId: Hex, quantity: number) => setCart((current) => setQuantity(current, listingId, quantity)),
    [],
  );
  const remove = useCallback(
    (listingIds: readonly Hex[]) => setCart((current) => removeLines(current, listingIds)),
    [],
  );
  const value = useMemo(
    () => ({ cart, add, setQuantity: setLineQuantity, remove }),
    [cart, add, setLineQuantity, remove],
  );
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartState {
  const state = useContext(CartContext);
  if (!state) throw new Error("useCart outside CartProvider");
  return state;
}
