import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database, Db } from "#indexer/store/db.ts";
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
  const client = await PGlite.create(location);
  return { db: drizzlePglite(client, { schema }), kind: "pglite", close: () => client.close() };
}

/** Rows of a raw statement; both drivers answer with `{ rows }`. Cast in SQL to text/int/float8 for one shape on both. */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };
