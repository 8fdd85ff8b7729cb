CREATE TABLE "scheduled_operations" (
	"operation_id" text NOT NULL,
	"nonce" integer NOT NULL,
	"caller" text NOT NULL,
	"target" text NOT NULL,
	"data" text NOT NULL,
	"executable_at" bigint NOT NULL,
	"status" text NOT NULL,
	"scheduled_block" bigint NOT NULL,
	"scheduled_at" bigint NOT NULL,
	"tx_hash" text NOT NULL,
	"closed_block" bigint,
	"closed_at" bigint,
	"block_number" bigint NOT NULL,
	CONSTRAINT "scheduled_operations_operation_id_nonce_pk" PRIMARY KEY("operation_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "voucher_revocations" (
	"digest" text PRIMARY KEY NOT NULL,
	"voucher_id" text NOT NULL,
	"merchant" text NOT NULL,
	"tx_hash" text NOT NULL,
	"revoked_at" bigint NOT NULL,
	"block_number" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "scheduled_operations_status" ON "scheduled_operations" USING btree ("status","executable_at");--> statement-breakpoint
CREATE INDEX "voucher_revocations_merchant" ON "voucher_revocations" USING btree ("merchant");