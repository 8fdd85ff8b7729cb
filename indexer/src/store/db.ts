import { fileURLToPath } from "node:url";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { startPgliteThread } from "./pglite-thread.ts";
import * as schema from "./schema.ts";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export type Db = ReturnType<typeof drizzlePg<typeof schema>>;
/** A transaction of either driver; both expose the same query builder. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

/**
 * Opens and migrates the store: PostgreSQL for a `postgres://` URL, else PGlite in `location`
 * (a directory, or `memory://` for a throwaway database).
 */
export async function openDatabase(location: string): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const pool = new pg.Pool({ connectionString: location, max: 4 });
    // An idle connection the server closed is dropped by the pool; the next query reconnects or fails itself.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema });
    await migratePg(db, { migrationsFolder });
    return { db, kind: "postgres", close: () => pool.end() };
  }
  const thread = await startPgliteThread(location);
  const pool = new pg.Pool({ ...thread.connection, max: 1 });
  pool.on("error", () => {});
  const db = drizzlePg(pool, { schema });
  await migratePg(db, { migrationsFolder });
  return { db, kind: "pglite", close: async () => (await pool.end(), await thread.stop()) };
}
