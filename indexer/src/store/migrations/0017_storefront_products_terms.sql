-- The read model also holds its product's current version's terms, so that the API serves a product from its
-- storefront_products row and its document (api/src/listings/listing-query.ts) instead of joining four tables.
ALTER TABLE "storefront_products" ADD COLUMN "version" numeric(78, 0);--> statement-breakpoint
ALTER TABLE "storefront_products" ADD COLUMN "metadata_cid" text;--> statement-breakpoint
ALTER TABLE "storefront_products" ADD COLUMN "quantity" numeric(78, 0);--> statement-breakpoint
ALTER TABLE "storefront_products" ADD COLUMN "max_per_buyer" numeric(78, 0);--> statement-breakpoint
ALTER TABLE "storefront_products" ADD COLUMN "valid_from" bigint;--> statement-breakpoint
ALTER TABLE "storefront_products" ADD COLUMN "valid_until" bigint;--> statement-breakpoint
ALTER TABLE "storefront_products" ADD COLUMN "counter" numeric(78, 0);--> statement-breakpoint
ALTER TABLE "storefront_products" ADD COLUMN "published_at" bigint;--> statement-breakpoint
CREATE OR REPLACE VIEW storefront_product_source AS
SELECT l.merchant, l.sku, l.listing_id, l.status, l.price, l.token, l.remaining, v.published_block,
  CASE WHEN m.status = 'OK' THEN m.document->>'title' END AS title,
  CASE WHEN m.status = 'OK' THEN ARRAY(SELECT jsonb_array_elements_text(m.document->'categoryPath')) ELSE '{}'::text[] END AS category_path,
  CASE WHEN m.status = 'OK' THEN m.search_text END AS search_text,
  coalesce(r.review_count, 0) AS review_count, coalesce(r.rating_sum, 0) AS rating_sum,
  r.rating_sum::float8 / nullif(r.review_count, 0) AS rating,
  l.version, l.metadata_cid, v.quantity, v.max_per_buyer, v.valid_from, v.valid_until, v.counter, v.published_at
FROM listings l
JOIN listing_versions v ON v.id = l.listing_id
LEFT JOIN metadata_documents m ON m.cid = l.metadata_cid
LEFT JOIN LATERAL (
  SELECT sum(a.review_count)::int AS review_count, sum(a.rating_sum)::int AS rating_sum
  FROM listing_versions pv JOIN rating_aggregates a ON a.subject_type = 'listing' AND a.subject = pv.id
  WHERE pv.merchant = l.merchant AND pv.sku = l.sku
) r ON true;--> statement-breakpoint
UPDATE "storefront_products" p SET "version" = s.version, "metadata_cid" = s.metadata_cid, "quantity" = s.quantity,
  "max_per_buyer" = s.max_per_buyer, "valid_from" = s.valid_from, "valid_until" = s.valid_until,
  "counter" = s.counter, "published_at" = s.published_at
FROM storefront_product_source s WHERE s.merchant = p.merchant AND s.sku = p.sku;--> statement-breakpoint
-- A row left unfilled has no product in the view: it was drift (the indexer drops such rows), and goes.
DELETE FROM "storefront_products" WHERE "version" IS NULL;--> statement-breakpoint
ALTER TABLE "storefront_products" ALTER COLUMN "version" SET NOT NULL, ALTER COLUMN "metadata_cid" SET NOT NULL,
  ALTER COLUMN "quantity" SET NOT NULL, ALTER COLUMN "max_per_buyer" SET NOT NULL, ALTER COLUMN "valid_from" SET NOT NULL,
  ALTER COLUMN "valid_until" SET NOT NULL, ALTER COLUMN "counter" SET NOT NULL, ALTER COLUMN "published_at" SET NOT NULL;
