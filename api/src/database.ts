import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database, Db } from "#indexer/store/db.ts";
import { startPgliteThread } from "#indexer/store/pglite-thread.ts";
import * as schema from "#indexer/store/schema.ts";

export type { Database, Db };

/** Injection token of the indexer's database (drizzle over PGlite or PostgreSQL). */
export const DATABASE = Symbol("DATABASE");

/**
 * Connects to the indexer's database without migrating it (the indexer owns its schema):
 * PostgreSQL for a postgres:// URL, else PGlite in that directory.
 */
export async function connectDatabase(location: string, poolSize = 10): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const pool = new pg.Pool({ connectionString: location, max: poolSize });
    pool.on("error", () => {});
    return { db: drizzlePg(pool, { schema }), kind: "postgres", close: () => pool.end() };
  }
  const thread = await startPgliteThread(location);
  const pool = new pg.Pool({ ...thread.connection, max: 1 });
  pool.on("error", () => {});
  return { db: drizzlePg(pool, { schema }), kind: "pglite", close: async () => (await pool.end(), await thread.stop()) };
}

/** Rows of a raw statement; both drivers answer with `{ rows }`. Cast in SQL to text/int/float8 for one shape on both. */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };
