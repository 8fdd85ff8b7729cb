CREATE TABLE "api_vouchers" (
	"merchant" text NOT NULL,
	"code" text NOT NULL,
	"digest" text NOT NULL,
	"voucher" jsonb NOT NULL,
	"signature" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "api_vouchers_merchant_code_pk" PRIMARY KEY("merchant","code")
);
--> statement-breakpoint
CREATE INDEX "api_vouchers_code" ON "api_vouchers" USING btree ("code");