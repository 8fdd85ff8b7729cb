import { createHash } from "node:crypto";
import { asc, getTableColumns } from "drizzle-orm";
import type { Db } from "./db.ts";
import { CHAIN_TABLES } from "./tables.ts";

export interface Checksum {
  /** sha256 over every chain table's rows in key order. */
  digest: string;
  rows: Record<string, number>;
}

/** A digest of all chain-derived data: equal on two databases iff they hold the same rows. */
export async function checksum(db: Db): Promise<Checksum> {
  const hash = createHash("sha256");
  const rows: Record<string, number> = {};
  for (const { name, table, key } of CHAIN_TABLES) {
    const columns = getTableColumns(table);
    const result = await db
      .select()
      .from(table)
      .orderBy(...key.map((column) => asc(columns[column])));
    rows[name] = result.length;
    hash.update(name);
    for (const row of result) hash.update(canonicalJson(row));
  }
  return { digest: hash.digest("hex"), rows };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
