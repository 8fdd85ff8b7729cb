import { ValidationError } from "#sdk/errors.ts";

/** A key part's rule: a block number or log index, a decimal uint (event ids), or 0x hex (item ids). */
export type KeyPart = "int" | "uint" | "hex";
const RULES: Record<KeyPart, (value: unknown) => boolean> = {
  int: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  uint: (value) => typeof value === "string" && /^(0|[1-9][0-9]{0,77})$/.test(value),
  hex: (value) => typeof value === "string" && /^0x[0-9a-f]{1,64}$/.test(value),
};

/**
 * A keyset page's cursor: the list it belongs to and the sort key of the row it points at, base64url of JSON,
 * opaque to clients. A page after it is a range scan from that key, whatever page it is.
 */
export function encodeKeyset(list: string, key: (string | number)[]): string {
  return Buffer.from(JSON.stringify({ l: list, k: key })).toString("base64url");
}

/** The key in `cursor`, which must be one this API made for `list`; else a ValidationError naming `field`. */
export function decodeKeyset(cursor: string, list: string, parts: KeyPart[], field: string): (string | number)[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    decoded = undefined;
  }
  const { l, k } = (decoded ?? {}) as { l?: unknown; k?: unknown };
  if (typeof l === "string" && l !== list)
    throw new ValidationError(field, `is a cursor of another list (${l}): pass it to the query it came from`);
  if (l !== list || !Array.isArray(k) || k.length !== parts.length || !parts.every((part, i) => RULES[part](k[i])))
    throw new ValidationError(field, "must be a cursor returned by this API");
  return k as (string | number)[];
}

/** A Relay connection over `rows` fetched with limit + 1, each edge's cursor the keyset position of its row. */
export function keysetConnection<T>(
  rows: T[],
  limit: number,
  list: string,
  keyOf: (row: T) => (string | number)[],
  hasPreviousPage: boolean,
) {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ node, cursor: encodeKeyset(list, keyOf(node)) }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * The resolver of a keyset connection's totalCount, which its list hands over as a function: counting a list is
 * a scan of every row it holds, so it is paid only by the requests that select totalCount.
 */
export const countWhenAsked = (page: { totalCount: () => Promise<number> }): Promise<number> => page.totalCount();
