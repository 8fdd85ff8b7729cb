-- A product card (a search page's row) needs only the read model: it also holds the listing document's status and,
-- while that is OK, its images. The API loads a document by CID only for what a product page adds (description,
-- attributes, shipping).
ALTER TABLE "storefront_products" ADD COLUMN "metadata_status" text;--> statement-breakpoint
ALTER TABLE "storefront_products" ADD COLUMN "images" jsonb;--> statement-breakpoint
CREATE OR REPLACE VIEW storefront_product_source AS
SELECT l.merchant, l.sku, l.listing_id, l.status, l.price, l.token, l.remaining, v.published_block,
  CASE WHEN m.status = 'OK' THEN m.document->>'title' END AS title,
  CASE WHEN m.status = 'OK' THEN ARRAY(SELECT jsonb_array_elements_text(m.document->'categoryPath')) ELSE '{}'::text[] END AS category_path,
  CASE WHEN m.status = 'OK' THEN m.search_text END AS search_text,
  coalesce(r.review_count, 0) AS review_count, coalesce(r.rating_sum, 0) AS rating_sum,
  r.rating_sum::float8 / nullif(r.review_count, 0) AS rating,
  l.version, l.metadata_cid, v.quantity, v.max_per_buyer, v.valid_from, v.valid_until, v.counter, v.published_at,
  coalesce(m.status, 'PENDING') AS metadata_status,
  CASE WHEN m.status = 'OK' THEN coalesce(m.document->'images', '[]'::jsonb) ELSE '[]'::jsonb END AS images
FROM listings l
JOIN listing_versions v ON v.id = l.listing_id
LEFT JOIN metadata_documents m ON m.cid = l.metadata_cid
LEFT JOIN LATERAL (
  SELECT sum(a.review_count)::int AS review_count, sum(a.rating_sum)::int AS rating_sum
  FROM listing_versions pv JOIN rating_aggregates a ON a.subject_type = 'listing' AND a.subject = pv.id
  WHERE pv.merchant = l.merchant AND pv.sku = l.sku
) r ON true;--> statement-breakpoint
UPDATE "storefront_products" p SET "metadata_status" = s.metadata_status, "images" = s.images
FROM storefront_product_source s WHERE s.merchant = p.merchant AND s.sku = p.sku;--> statement-breakpoint
-- A row left unfilled has no product in the view: it was drift (the indexer drops such rows), and goes.
DELETE FROM "storefront_products" WHERE "metadata_status" IS NULL;--> statement-breakpoint
ALTER TABLE "storefront_products" ALTER COLUMN "metadata_status" SET NOT NULL, ALTER COLUMN "images" SET NOT NULL;
