import type { Address, Hex } from "viem";

export interface CartLine {
  listingId: Hex;
  merchant: Address;
  merchantName: string | null;
  token: Address;
  title: string;
  /** In the token's smallest unit, as a decimal string (bigints do not survive JSON). */
  unitPrice: string;
  quantity: number;
  /** Stock when the line was added; checkout asks the API again. */
  stock: number;
  thumbnailUrl: string | null;
}

/** The lines of one order: an order is per merchant and payment token. */
export interface CartGroup {
  key: string;
  merchant: Address;
  merchantName: string | null;
  token: Address;
  lines: CartLine[];
  total: bigint;
}

export type Cart = CartLine[];

export const groupKey = (line: Pick<CartLine, "merchant" | "token">) =>
  `${line.merchant.toLowerCase()}:${line.token.toLowerCase()}`;

/** Adds the quantity to the listing's line (a new line if there is none), never above the stock. */
export function addToCart(cart: Cart, line: CartLine): Cart {
  const existing = cart.find((item) => item.listingId === line.listingId);
  if (!existing) return [...cart, { ...line, quantity: Math.min(line.quantity, line.stock) }];
  return cart.map((item) =>
    item === existing ? { ...line, quantity: Math.min(item.quantity + line.quantity, line.stock) } : item,
  );
}

/** Sets a line's quantity within 1..stock; 0 removes the line. */
export function setQuantity(cart: Cart, listingId: Hex, quantity: number): Cart {
  if (quantity <= 0) return removeLines(cart, [listingId]);
  return cart.map((item) =>
    item.listingId === listingId ? { ...item, quantity: Math.min(Math.floor(quantity), item.stock) } : item,
  );
}

export function removeLines(cart: Cart, listingIds: readonly Hex[]): Cart {
  return cart.filter((item) => !listingIds.includes(item.listingId));
}

export function groupCart(cart: Cart): CartGroup[] {
  const groups = new Map<string, CartGroup>();
  for (const line of cart) {
    const key = groupKey(line);
    const group = groups.get(key) ?? {
      key,
      merchant: line.merchant,
      merchantName: line.merchantName,
      token: line.token,
      lines: [],
      total: 0n,
    };
    group.lines.push(line);
    group.total += BigInt(line.unitPrice) * BigInt(line.quantity);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export const itemCount = (cart: Cart) => cart.reduce((sum, line) => sum + line.quantity, 0);
