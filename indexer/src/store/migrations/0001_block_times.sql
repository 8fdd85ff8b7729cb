-- Block times are chain data the existing rows lack: the chain tables and the cursor are emptied so the
-- indexer re-indexes from the deployment block on its next start. Metadata documents are kept.
TRUNCATE "merchants", "merchant_status_history", "listing_versions", "listings", "allowed_tokens", "orders", "order_lines", "order_timeline", "disputes", "settlements", "balances", "voucher_redemptions", "escrow_settings", "reviews", "rating_aggregates", "provenance_items", "provenance_events", "provenance_event_items", "custody_transfers", "aggregation_links", "attestations", "role_members", "role_labels", "sync_state", "sync_blocks", "undo_log";--> statement-breakpoint
CREATE TABLE "role_grant_history" (
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"role_id" numeric(78, 0) NOT NULL,
	"account" text NOT NULL,
	"kind" text NOT NULL,
	"since" bigint,
	"execution_delay" integer,
	"tx_hash" text NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "role_grant_history_block_number_log_index_pk" PRIMARY KEY("block_number","log_index")
);
--> statement-breakpoint
ALTER TABLE "aggregation_links" ADD COLUMN "at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "attestations" ADD COLUMN "at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "custody_transfers" ADD COLUMN "at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "opened_at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "resolved_at" bigint;--> statement-breakpoint
ALTER TABLE "listing_versions" ADD COLUMN "published_at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "merchant_status_history" ADD COLUMN "at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "applied_at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "order_timeline" ADD COLUMN "at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "placed_at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "provenance_events" ADD COLUMN "recorded_at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "provenance_items" ADD COLUMN "registered_at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "posted_at" bigint NOT NULL;--> statement-breakpoint
ALTER TABLE "role_members" ADD COLUMN "granted_at" bigint;--> statement-breakpoint
ALTER TABLE "role_members" ADD COLUMN "revoked_at" bigint;--> statement-breakpoint
ALTER TABLE "settlements" ADD COLUMN "settled_at" bigint NOT NULL;--> statement-breakpoint
CREATE INDEX "role_grant_history_account" ON "role_grant_history" USING btree ("account");--> statement-breakpoint
CREATE INDEX "role_grant_history_role" ON "role_grant_history" USING btree ("role_id");