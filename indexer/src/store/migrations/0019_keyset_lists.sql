-- Orders and the merchant directory are read a keyset page at a time, newest (or first applied) first: each list's
-- filter, then its order, is one index, so page 500 costs what page 1 costs. The single-column order indexes are
-- prefixes of the new ones.
CREATE INDEX "merchants_applied" ON "merchants" USING btree ("applied_block","address");--> statement-breakpoint
CREATE INDEX "merchants_status_applied" ON "merchants" USING btree ("status","applied_block","address");--> statement-breakpoint
CREATE INDEX "orders_buyer_placed" ON "orders" USING btree ("buyer","placed_block","id");--> statement-breakpoint
CREATE INDEX "orders_merchant_placed" ON "orders" USING btree ("merchant","placed_block","id");--> statement-breakpoint
CREATE INDEX "orders_merchant_status_placed" ON "orders" USING btree ("merchant","status","placed_block","id");--> statement-breakpoint
CREATE INDEX "orders_placed" ON "orders" USING btree ("placed_block","id");--> statement-breakpoint
CREATE INDEX "orders_status_placed" ON "orders" USING btree ("status","placed_block","id");--> statement-breakpoint
DROP INDEX "orders_buyer";--> statement-breakpoint
DROP INDEX "orders_merchant";--> statement-breakpoint
DROP INDEX "orders_status";
