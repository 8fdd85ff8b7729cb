import { sql } from "drizzle-orm";
import type { Db } from "../store/db.ts";
import { storefrontDrift } from "../store/storefront-products.ts";
import type { Disagreement } from "./verify.ts";

const TABLE = "storefront_products";
/** The columns that identify a read-model row, and the one that tells which side of the comparison it came from. */
const NOT_COMPARED = new Set(["merchant", "sku", "drift"]);

/**
 * The storefront read model (which the API serves products from) against a full recompute of its source from the
 * indexed tables: every column that differs, with `database` the read model's value and `chain` the recompute's;
 * a row only one side has is field `row`. The indexed tables themselves are compared with the chain by the caller.
 */
export async function readModelDisagreements(db: Db): Promise<{ checked: number; disagreements: Disagreement[] }> {
  const [{ held }] = (await db.execute(sql`select count(*)::int as held from storefront_products`)).rows as {
    held: number;
  }[];
  const sides = new Map<string, { stale?: Record<string, unknown>; extra?: Record<string, unknown> }>();
  for (const row of await storefrontDrift(db)) {
    const id = `${row.merchant}:${row.sku}`;
    const side = sides.get(id) ?? {};
    side[row.drift as "stale" | "extra"] = row;
    sides.set(id, side);
  }
  const disagreements: Disagreement[] = [];
  for (const { stale: source, extra: held } of sides.values()) {
    const { merchant, sku } = (source ?? held)!;
    const key = { merchant: String(merchant), sku: String(sku) };
    if (!source || !held) {
      disagreements.push({
        table: TABLE,
        key,
        field: "row",
        database: held ? "present" : null,
        chain: source ? "present" : null,
      });
      continue;
    }
    for (const field of Object.keys(source).filter((name) => !NOT_COMPARED.has(name))) {
      const [database, chain] = [comparable(held[field]), comparable(source[field])];
      if (database !== chain) disagreements.push({ table: TABLE, key, field, database, chain });
    }
  }
  return { checked: held, disagreements };
}

function comparable(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}
