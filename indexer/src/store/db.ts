import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { startPgliteThread } from "./pglite-thread.ts";
import * as schema from "./schema.ts";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export type Db = ReturnType<typeof drizzle<typeof schema>>;
/** A transaction on either database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

/**
 * Opens and migrates the store: PostgreSQL for a `postgres://` URL, else PGlite in `location`
 * (a directory, or `memory://` for a throwaway database). Only the indexer's processes migrate.
 */
export async function openDatabase(location: string): Promise<Database> {
  const database = await connectDatabase(location, 4);
  try {
    await migrate(database.db, { migrationsFolder });
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * Connects without migrating (readers such as the API) through a pool of `poolSize` connections: to PostgreSQL, or
 * to PGlite on its own thread, which runs one connection's exchange at a time and gives a transaction the session
 * until it ends (pglite-bridge.ts), so the pool's other connections keep it busy while this thread reads an answer.
 */
export async function connectDatabase(location: string, poolSize = 10): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const pool = new pg.Pool({ connectionString: location, max: poolSize });
    // An idle connection the server closed is dropped by the pool; the next query reconnects or fails itself.
    pool.on("error", () => {});
    return { db: drizzle(pool, { schema }), kind: "postgres", close: () => pool.end() };
  }
  const thread = await startPgliteThread(location);
  const pool = new pg.Pool({ ...thread.connection, max: poolSize });
  pool.on("error", () => {});
  return { db: drizzle(pool, { schema }), kind: "pglite", close: async () => (await pool.end(), await thread.stop()) };
}
