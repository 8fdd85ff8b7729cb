import { sql } from "drizzle-orm";
import type { Db } from "../database.ts";

/**
 * The API's own tables, beside the indexer's: single-use SIWE nonces and revoked sessions. One
 * statement at a time (PGlite rejects multi-statement strings); idempotent, run at every start.
 */
const STATEMENTS = [
  sql`create table if not exists api_siwe_nonces (nonce text primary key, expires_at bigint not null)`,
  sql`create index if not exists api_siwe_nonces_expiry on api_siwe_nonces (expires_at)`,
  sql`create table if not exists api_revoked_sessions (jti text primary key, expires_at bigint not null)`,
  // Subscriptions find the rows a committed batch changed by block_number (indexes only; the indexer's columns are untouched).
  sql`create index if not exists api_orders_block on orders (block_number)`,
  sql`create index if not exists api_listings_block on listings (block_number)`,
];

export async function migrateApiTables(db: Db): Promise<void> {
  for (const statement of STATEMENTS) await db.execute(statement);
}
