import type { Recall } from "./forward-trace.service.ts";

const COLUMNS = ["kind", "item_id", "epc", "status", "reached_by", "from", "order_id", "merchant", "buyer"] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | null>>;

/** An RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. */
const field = (value: string | null | undefined) =>
  value == null ? "" : /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/**
 * The recall as CSV (RFC 4180, CRLF line ends, a header row): a row per recalled item and per container (kind
 * `item` or `container`, its EPC, status, how it was reached and from which item), then a row per order and item
 * packed for it (kind `order`, order id and status, merchant, and the buyer when the caller may see it, else empty).
 */
export function recallCsv(recall: Recall): string {
  const rows: Row[] = [
    ...[
      ...recall.items.map((entry) => ["item", entry] as const),
      ...recall.containers.map((e) => ["container", e] as const),
    ].map(([kind, { item, reachedBy, from }]) => ({
      kind,
      item_id: item.id,
      epc: item.epc,
      status: item.status,
      reached_by: reachedBy,
      from,
    })),
    ...recall.orders.flatMap((order) =>
      order.itemIds.map((itemId) => ({
        kind: "order",
        item_id: itemId,
        status: order.status,
        order_id: order.id,
        merchant: order.merchant,
        buyer: order.buyer,
      })),
    ),
  ];
  return [COLUMNS.join(","), ...rows.map((row) => COLUMNS.map((column) => field(row[column])).join(","))]
    .map((line) => `${line}\r\n`)
    .join("");
}
