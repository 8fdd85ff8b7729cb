-- The API's tables and indexes, which the API created itself (raw SQL, outside this history) before they
-- joined the one schema: IF NOT EXISTS, so a database the older API already prepared migrates cleanly.
CREATE TABLE IF NOT EXISTS "api_revoked_sessions" (
	"jti" text PRIMARY KEY NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "api_siwe_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "api_siwe_nonces_expiry" ON "api_siwe_nonces" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "api_listings_block" ON "listings" USING btree ("block_number");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "api_orders_block" ON "orders" USING btree ("block_number");