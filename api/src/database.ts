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

/** A statement PostgreSQL parses once per connection: node-postgres sends it by name after its first use. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * Rows of a prepared statement. A list goes in as one array parameter (`= any($1::text[])`): a parameter per item
 * would change the text with the list's length, and each new text is parsed and planned again (planning a product
 * row's joins took PostgreSQL eight times as long as running them).
 */
export async function preparedRows<T>(
  database: Database,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const query = { name: statement.name, text: statement.text, values };
  return (await database.db.$client.query(query)).rows as T[];
}

export { sql };
