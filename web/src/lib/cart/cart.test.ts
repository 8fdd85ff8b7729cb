import { describe, expect, it } from "vitest";
import { addToCart, groupCart, itemCount, setQuantity, type CartLine } from "./cart.ts";

const line = (overrides: Partial<CartLine> = {}): CartLine => ({
  listingId: "0x01",
  merchant: "0x00000000000000000000000000000000000000aa",
  merchantName: "Alpine",
  token: "0x0000000000000000000000000000000000000000",
  title: "Beans",
  unitPrice: "100",
  quantity: 1,
  stock: 3,
  thumbnailUrl: null,
  ...overrides,
});

describe("cart", () => {
  it("adds to an existing line, never above the stock", () => {
    const cart = addToCart(addToCart([], line({ quantity: 2 })), line({ quantity: 2 }));
    expect(cart).toHaveLength(1);
    expect(cart[0].quantity).toBe(3);
  });

  it("removes a line whose quantity is set to zero", () => {
    expect(setQuantity([line()], "0x01", 0)).toEqual([]);
  });

  it("groups lines into one order per merchant and payment token, with totals", () => {
    const cart = [
      line({ listingId: "0x01", quantity: 2 }),
      line({ listingId: "0x02", unitPrice: "50" }),
      line({ listingId: "0x03", token: "0x00000000000000000000000000000000000000cc" }),
      line({ listingId: "0x04", merchant: "0x00000000000000000000000000000000000000bb" }),
    ];
    const groups = groupCart(cart);
    expect(groups.map((group) => group.lines.length)).toEqual([2, 1, 1]);
    expect(groups[0].total).toBe(250n);
    expect(itemCount(cart)).toBe(5);
  });
});
