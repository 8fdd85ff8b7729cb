import { ValidationError } from "#sdk/errors.ts";

/** Relay page request resolved to an offset window; cursors are opaque (base64url of the offset). */
export interface PageWindow {
  offset: number;
  limit: number;
}

export function pageWindow(
  first: number | null | undefined,
  after: string | null | undefined,
  maxPageSize: number,
  fallback = 20,
): PageWindow {
  return { offset: after ? decodeCursor(after) + 1 : 0, limit: pageSize(first, maxPageSize, fallback) };
}

/** Rows a page asks for (`first`), checked against the largest page served. */
export function pageSize(first: number | null | undefined, maxPageSize: number, fallback = 20): number {
  const limit = first ?? fallback;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxPageSize)
    throw new ValidationError("first", `must be an integer from 0 to ${maxPageSize}`);
  return limit;
}

export const encodeCursor = (offset: number): string => Buffer.from(`o:${offset}`).toString("base64url");

function decodeCursor(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw new ValidationError("after", "must be a cursor returned by this API");
  return Number(match[1]);
}

/** A Relay connection over `rows` fetched with limit + 1 (the extra row only tells that a next page exists). */
export function connection<T>(rows: T[], window: PageWindow, totalCount: number) {
  const nodes = rows.slice(0, window.limit);
  const edges = nodes.map((node, index) => ({ node, cursor: encodeCursor(window.offset + index) }));
  return {
    edges,
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > window.limit,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export const connectionTypeDefs = /* GraphQL */ `
  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
`;
