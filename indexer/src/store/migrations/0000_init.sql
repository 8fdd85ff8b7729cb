CREATE TABLE "aggregation_links" (
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"child_id" text NOT NULL,
	"container_id" text NOT NULL,
	"action" text NOT NULL,
	"order_id" numeric(78, 0),
	"custodian" text NOT NULL,
	"tx_hash" text NOT NULL,
	CONSTRAINT "aggregation_links_block_number_log_index_child_id_pk" PRIMARY KEY("block_number","log_index","child_id")
);
--> statement-breakpoint
CREATE TABLE "allowed_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"allowed" boolean NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attestations" (
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"item_id" text NOT NULL,
	"auditor" text NOT NULL,
	"statement_cid" text NOT NULL,
	"tx_hash" text NOT NULL,
	CONSTRAINT "attestations_block_number_log_index_pk" PRIMARY KEY("block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "balances" (
	"account" text NOT NULL,
	"token" text NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	"block_number" bigint NOT NULL,
	CONSTRAINT "balances_account_token_pk" PRIMARY KEY("account","token")
);
--> statement-breakpoint
CREATE TABLE "custody_transfers" (
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"item_id" text NOT NULL,
	"from_account" text NOT NULL,
	"to_account" text NOT NULL,
	"stage" text NOT NULL,
	"tx_hash" text NOT NULL,
	CONSTRAINT "custody_transfers_block_number_log_index_pk" PRIMARY KEY("block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"order_id" numeric(78, 0) PRIMARY KEY NOT NULL,
	"evidence_cid" text NOT NULL,
	"rule_by" bigint NOT NULL,
	"opened_block" bigint NOT NULL,
	"arbiter" text,
	"buyer_amount" numeric(78, 0),
	"ruling_cid" text,
	"resolved_block" bigint,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escrow_settings" (
	"id" smallint PRIMARY KEY NOT NULL,
	"fee_bps" integer NOT NULL,
	"treasury" text NOT NULL,
	"paused" boolean NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listing_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant" text NOT NULL,
	"sku" numeric(78, 0) NOT NULL,
	"version" numeric(78, 0) NOT NULL,
	"metadata_cid" text NOT NULL,
	"price" numeric(78, 0) NOT NULL,
	"token" text NOT NULL,
	"quantity" numeric(78, 0) NOT NULL,
	"remaining" numeric(78, 0) NOT NULL,
	"valid_from" bigint NOT NULL,
	"valid_until" bigint NOT NULL,
	"counter" numeric(78, 0) NOT NULL,
	"status" text NOT NULL,
	"supersedes" text,
	"published_block" bigint NOT NULL,
	"tx_hash" text NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"merchant" text NOT NULL,
	"sku" numeric(78, 0) NOT NULL,
	"listing_id" text NOT NULL,
	"version" numeric(78, 0) NOT NULL,
	"metadata_cid" text NOT NULL,
	"price" numeric(78, 0) NOT NULL,
	"token" text NOT NULL,
	"remaining" numeric(78, 0) NOT NULL,
	"status" text NOT NULL,
	"block_number" bigint NOT NULL,
	CONSTRAINT "listings_merchant_sku_pk" PRIMARY KEY("merchant","sku")
);
--> statement-breakpoint
CREATE TABLE "merchant_status_history" (
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"merchant" text NOT NULL,
	"status" text NOT NULL,
	"actor" text,
	"reason_cid" text,
	"tx_hash" text NOT NULL,
	CONSTRAINT "merchant_status_history_block_number_log_index_pk" PRIMARY KEY("block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "merchants" (
	"address" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"payout" text NOT NULL,
	"signer" text,
	"counter" numeric(78, 0) NOT NULL,
	"profile_cid" text NOT NULL,
	"applied_block" bigint NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metadata_documents" (
	"cid" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint DEFAULT 0 NOT NULL,
	"error" text,
	"document" jsonb,
	"search_text" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"order_id" numeric(78, 0) NOT NULL,
	"line" integer NOT NULL,
	"listing_id" text NOT NULL,
	"quantity" numeric(78, 0) NOT NULL,
	"block_number" bigint NOT NULL,
	CONSTRAINT "order_lines_order_id_line_pk" PRIMARY KEY("order_id","line")
);
--> statement-breakpoint
CREATE TABLE "order_timeline" (
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"order_id" numeric(78, 0) NOT NULL,
	"event" text NOT NULL,
	"status" text NOT NULL,
	"data" jsonb NOT NULL,
	"tx_hash" text NOT NULL,
	CONSTRAINT "order_timeline_block_number_log_index_pk" PRIMARY KEY("block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" numeric(78, 0) PRIMARY KEY NOT NULL,
	"buyer" text NOT NULL,
	"merchant" text NOT NULL,
	"token" text NOT NULL,
	"total" numeric(78, 0) NOT NULL,
	"refunded" numeric(78, 0) NOT NULL,
	"fee_bps" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"status" text NOT NULL,
	"shipping_cid" text NOT NULL,
	"tracking_cid" text,
	"ship_by" bigint NOT NULL,
	"confirm_by" bigint,
	"voucher_id" text,
	"discount" numeric(78, 0),
	"placed_block" bigint NOT NULL,
	"tx_hash" text NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provenance_event_items" (
	"event_id" numeric(78, 0) NOT NULL,
	"item_id" text NOT NULL,
	"role" text NOT NULL,
	"block_number" bigint NOT NULL,
	CONSTRAINT "provenance_event_items_event_id_item_id_role_pk" PRIMARY KEY("event_id","item_id","role")
);
--> statement-breakpoint
CREATE TABLE "provenance_events" (
	"id" numeric(78, 0) PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"recorder" text NOT NULL,
	"corrects" numeric(78, 0),
	"item_ids" jsonb NOT NULL,
	"output_ids" jsonb,
	"event_time" bigint,
	"biz_step" text,
	"disposition" text,
	"location" text,
	"evidence_cid" text NOT NULL,
	"tx_hash" text NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provenance_items" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"quantity" numeric(78, 0) NOT NULL,
	"epc" text NOT NULL,
	"registered_by" text NOT NULL,
	"custodian" text NOT NULL,
	"pending_custodian" text,
	"container_id" text,
	"status" text NOT NULL,
	"registered_block" bigint NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_aggregates" (
	"subject_type" text NOT NULL,
	"subject" text NOT NULL,
	"review_count" integer NOT NULL,
	"rating_sum" integer NOT NULL,
	"block_number" bigint NOT NULL,
	CONSTRAINT "rating_aggregates_subject_type_subject_pk" PRIMARY KEY("subject_type","subject")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"order_id" numeric(78, 0) PRIMARY KEY NOT NULL,
	"buyer" text NOT NULL,
	"merchant" text NOT NULL,
	"rating" smallint NOT NULL,
	"review_cid" text NOT NULL,
	"tx_hash" text NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_labels" (
	"role_id" numeric(78, 0) PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_members" (
	"role_id" numeric(78, 0) NOT NULL,
	"account" text NOT NULL,
	"active" boolean NOT NULL,
	"since" bigint,
	"execution_delay" integer,
	"granted_block" bigint,
	"revoked_block" bigint,
	"block_number" bigint NOT NULL,
	CONSTRAINT "role_members_role_id_account_pk" PRIMARY KEY("role_id","account")
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"order_id" numeric(78, 0) PRIMARY KEY NOT NULL,
	"payout" text NOT NULL,
	"merchant_amount" numeric(78, 0) NOT NULL,
	"buyer_amount" numeric(78, 0) NOT NULL,
	"fee_amount" numeric(78, 0) NOT NULL,
	"tx_hash" text NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_blocks" (
	"number" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"parent_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"cursor_block" bigint NOT NULL,
	"cursor_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "undo_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"block_number" bigint NOT NULL,
	"table_name" text NOT NULL,
	"key" jsonb NOT NULL,
	"old" jsonb
);
--> statement-breakpoint
CREATE TABLE "voucher_redemptions" (
	"order_id" numeric(78, 0) PRIMARY KEY NOT NULL,
	"voucher_id" text NOT NULL,
	"merchant" text NOT NULL,
	"discount" numeric(78, 0) NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "aggregation_links_container" ON "aggregation_links" USING btree ("container_id");--> statement-breakpoint
CREATE INDEX "aggregation_links_child" ON "aggregation_links" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "attestations_item" ON "attestations" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "custody_transfers_item" ON "custody_transfers" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "listing_versions_product" ON "listing_versions" USING btree ("merchant","sku");--> statement-breakpoint
CREATE INDEX "listings_listing_id" ON "listings" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "listings_metadata_cid" ON "listings" USING btree ("metadata_cid");--> statement-breakpoint
CREATE INDEX "merchant_status_history_merchant" ON "merchant_status_history" USING btree ("merchant");--> statement-breakpoint
CREATE INDEX "metadata_documents_due" ON "metadata_documents" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "metadata_documents_search" ON "metadata_documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "order_lines_listing" ON "order_lines" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "order_timeline_order" ON "order_timeline" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "orders_buyer" ON "orders" USING btree ("buyer");--> statement-breakpoint
CREATE INDEX "orders_merchant" ON "orders" USING btree ("merchant");--> statement-breakpoint
CREATE INDEX "orders_status" ON "orders" USING btree ("status");--> statement-breakpoint
CREATE INDEX "provenance_event_items_item" ON "provenance_event_items" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "provenance_events_corrects" ON "provenance_events" USING btree ("corrects");--> statement-breakpoint
CREATE INDEX "provenance_items_custodian" ON "provenance_items" USING btree ("custodian");--> statement-breakpoint
CREATE INDEX "provenance_items_container" ON "provenance_items" USING btree ("container_id");--> statement-breakpoint
CREATE INDEX "reviews_merchant" ON "reviews" USING btree ("merchant");--> statement-breakpoint
CREATE INDEX "role_members_account" ON "role_members" USING btree ("account");--> statement-breakpoint
CREATE INDEX "undo_log_block" ON "undo_log" USING btree ("block_number");--> statement-breakpoint
CREATE INDEX "voucher_redemptions_voucher" ON "voucher_redemptions" USING btree ("voucher_id");