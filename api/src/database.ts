import { sql, type SQL } from "drizzle-orm";
import type { Database, Db, Tx } from "#indexer/store/db.ts";

export type { Database, Db, Tx };
/** The API reads the indexer's database without migrating it: the indexer owns its schema. */
export { connectDatabase } from "#indexer/store/db.ts";

/** Injection token of the indexer's database (drizzle over PGlite or PostgreSQL). */
export const DATABASE = Symbol("DATABASE");

/**
 * Rows of a raw statement; both drivers answer with `{ rows }`. Cast in SQL to text/int/float8 for one shape on both.
 */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };
