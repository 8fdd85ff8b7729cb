-- The words full-text search indexes, for text in any script: Chinese, Japanese and Korean are written without
-- spaces, so each run of their characters is also given as its single characters and its pairs of neighbours
-- (as search engines' CJK analysers do); other text passes unchanged to the `simple` parser. The API splits a
-- query the same way (api/src/listings/search-query.ts).
CREATE FUNCTION search_terms(input text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  run text;
  terms text := '';
  i integer;
BEGIN
  FOR run IN SELECT m[1] FROM regexp_matches(input, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+', 'g') AS m LOOP
    FOR i IN 1..char_length(run) LOOP
      terms := terms || ' ' || substr(run, i, 1);
      IF i < char_length(run) THEN
        terms := terms || ' ' || substr(run, i, 2);
      END IF;
    END LOOP;
  END LOOP;
  RETURN regexp_replace(input, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+', ' ', 'g') || terms;
END
$$;
--> statement-breakpoint
-- The storefront's row of each product, derived from the chain tables and the product's listing document:
-- the one definition storefront_products is filled from (indexer/src/store/storefront-products.ts).
CREATE VIEW storefront_product_source AS
SELECT l.merchant, l.sku, l.listing_id, l.status, l.price, l.token, l.remaining, v.published_block,
  CASE WHEN m.status = 'OK' THEN m.document->>'title' END AS title,
  CASE WHEN m.status = 'OK' THEN ARRAY(SELECT jsonb_array_elements_text(m.document->'categoryPath')) ELSE '{}'::text[] END AS category_path,
  CASE WHEN m.status = 'OK' THEN m.search_text END AS search_text,
  coalesce(r.review_count, 0) AS review_count, coalesce(r.rating_sum, 0) AS rating_sum,
  r.rating_sum::float8 / nullif(r.review_count, 0) AS rating
FROM listings l
JOIN listing_versions v ON v.id = l.listing_id
LEFT JOIN metadata_documents m ON m.cid = l.metadata_cid
LEFT JOIN LATERAL (
  SELECT sum(a.review_count)::int AS review_count, sum(a.rating_sum)::int AS rating_sum
  FROM listing_versions pv JOIN rating_aggregates a ON a.subject_type = 'listing' AND a.subject = pv.id
  WHERE pv.merchant = l.merchant AND pv.sku = l.sku
) r ON true;
