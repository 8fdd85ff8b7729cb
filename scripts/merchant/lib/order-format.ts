import type { PublicClient } from "viem";
import { currencyOf, formatAmount } from "./amounts.ts";
import type { Order } from "./reader.ts";

/** One line per order: id, status, total, lines, buyer. */
export async function orderLine(client: PublicClient, order: Order): Promise<string> {
  const total = formatAmount(order.terms.total, await currencyOf(client, order.terms.token));
  const items = order.terms.lines.map((line) => `${line.quantity}× ${line.listingId.slice(0, 10)}…`).join(", ");
  const id = `#${String(order.orderId).padEnd(5)}`;
  return `${id} ${order.status.padEnd(9)} ${total.padEnd(14)} ${items}  buyer ${order.terms.buyer}`;
}
