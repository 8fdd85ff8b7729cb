CREATE TABLE "api_webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"webhook_id" bigint NOT NULL,
	"order_id" numeric(78, 0) NOT NULL,
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" bigint NOT NULL,
	"delivered_at" bigint
);
--> statement-breakpoint
CREATE TABLE "api_webhooks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"merchant" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"queued_through" bigint NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_webhook_deliveries" ADD CONSTRAINT "api_webhook_deliveries_webhook_id_api_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."api_webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_webhook_deliveries_event" ON "api_webhook_deliveries" USING btree ("webhook_id","block_number","log_index");--> statement-breakpoint
CREATE INDEX "api_webhook_deliveries_due" ON "api_webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "api_webhook_deliveries_order" ON "api_webhook_deliveries" USING btree ("webhook_id","order_id");--> statement-breakpoint
CREATE INDEX "api_webhooks_merchant" ON "api_webhooks" USING btree ("merchant");--> statement-breakpoint
CREATE INDEX "orders_tracking" ON "orders" USING btree ("tracking_cid");