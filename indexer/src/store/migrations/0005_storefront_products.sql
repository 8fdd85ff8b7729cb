CREATE TABLE "storefront_products" (
	"merchant" text NOT NULL,
	"sku" numeric(78, 0) NOT NULL,
	"listing_id" text NOT NULL,
	"status" text NOT NULL,
	"price" numeric(78, 0) NOT NULL,
	"token" text NOT NULL,
	"remaining" numeric(78, 0) NOT NULL,
	"published_block" bigint NOT NULL,
	"title" text,
	"category_path" text[] NOT NULL,
	"search_text" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_terms(coalesce(search_text, '')))) STORED,
	"review_count" integer NOT NULL,
	"rating_sum" integer NOT NULL,
	"rating" double precision,
	CONSTRAINT "storefront_products_merchant_sku_pk" PRIMARY KEY("merchant","sku")
);
--> statement-breakpoint
CREATE INDEX "storefront_products_listing_id" ON "storefront_products" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "storefront_products_search" ON "storefront_products" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "storefront_products_categories" ON "storefront_products" USING gin ("category_path");--> statement-breakpoint
CREATE INDEX "storefront_products_price" ON "storefront_products" USING btree ("price","listing_id");--> statement-breakpoint
CREATE INDEX "storefront_products_newest" ON "storefront_products" USING btree ("published_block","listing_id");--> statement-breakpoint
CREATE INDEX "storefront_products_rating" ON "storefront_products" USING btree ("rating","listing_id");--> statement-breakpoint
INSERT INTO "storefront_products" ("merchant", "sku", "listing_id", "status", "price", "token", "remaining", "published_block", "title", "category_path", "search_text", "review_count", "rating_sum", "rating")
SELECT "merchant", "sku", "listing_id", "status", "price", "token", "remaining", "published_block", "title", "category_path", "search_text", "review_count", "rating_sum", "rating" FROM storefront_product_source;
