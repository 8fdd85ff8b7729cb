-- Storefront search moved into the API (an in-memory index per replica, api/src/listings/catalog/): the search
-- vectors, search_terms() and the read model's filter and sort indexes are no longer read, only written.
DROP INDEX "metadata_documents_search";--> statement-breakpoint
DROP INDEX "storefront_products_search";--> statement-breakpoint
DROP INDEX "storefront_products_categories";--> statement-breakpoint
DROP INDEX "storefront_products_price";--> statement-breakpoint
DROP INDEX "storefront_products_newest";--> statement-breakpoint
DROP INDEX "storefront_products_rating";--> statement-breakpoint
ALTER TABLE "metadata_documents" DROP COLUMN "search_vector";--> statement-breakpoint
ALTER TABLE "storefront_products" DROP COLUMN "search_vector";--> statement-breakpoint
DROP FUNCTION search_terms(text);
