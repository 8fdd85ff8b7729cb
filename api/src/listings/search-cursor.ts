import { ValidationError } from "#sdk/errors.ts";
import { isSortKeyOf } from "./catalog/orders.ts";
import type { ListingOrder, SearchCursor } from "./listing-search.ts";

/**
 * A search page's cursor: the order it belongs to and the sort key and listing id of the row it points at,
 * base64url of JSON, opaque to clients. A page after it costs what the first page costs.
 */
export function encodeSearchCursor(orderBy: ListingOrder, cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify({ o: orderBy, k: cursor.key, id: cursor.id })).toString("base64url");
}

/** An edge of a search page: its cursor is encoded when asked for (a storefront asks for the page's last alone). */
export class SearchEdge<Node> {
  readonly node: Node;
  readonly #orderBy: ListingOrder;
  readonly #position: SearchCursor;

  constructor(node: Node, orderBy: ListingOrder, position: SearchCursor) {
    this.node = node;
    this.#orderBy = orderBy;
    this.#position = position;
  }

  get cursor(): string {
    return encodeSearchCursor(this.#orderBy, this.#position);
  }
}

/** The cursor `after`, which must come from a page of the same order. */
export function decodeSearchCursor(after: string, orderBy: ListingOrder): SearchCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(after, "base64url").toString());
  } catch {
    decoded = undefined;
  }
  const { o, k, id } = (decoded ?? {}) as { o?: unknown; k?: unknown; id?: unknown };
  if (typeof o === "string" && o !== orderBy)
    throw new ValidationError("after", `is a cursor of another order (${o}): pass the orderBy it came from`);
  if (o !== orderBy || !isSortKeyOf(orderBy, k) || typeof id !== "string" || !/^0x[0-9a-f]{64}$/.test(id))
    throw new ValidationError("after", "must be a cursor returned by this API");
  return { key: k, id };
}
