-- Auditors' queries (api provenanceEvents, items, attestations; GET /epcis/events): one index per filter, each ending
-- in the keyset order the pages follow, the EPCIS eventTime, and EPC prefixes for EPC patterns.
CREATE INDEX "attestations_auditor" ON "attestations" USING btree ("auditor","block_number","log_index");--> statement-breakpoint
CREATE INDEX "provenance_events_chain" ON "provenance_events" USING btree ("block_number","id");--> statement-breakpoint
CREATE INDEX "provenance_events_biz_step" ON "provenance_events" USING btree ("biz_step","block_number","id");--> statement-breakpoint
CREATE INDEX "provenance_events_disposition" ON "provenance_events" USING btree ("disposition","block_number","id");--> statement-breakpoint
CREATE INDEX "provenance_events_location" ON "provenance_events" USING btree ("location","block_number","id");--> statement-breakpoint
CREATE INDEX "provenance_events_recorder" ON "provenance_events" USING btree ("recorder","block_number","id");--> statement-breakpoint
CREATE INDEX "provenance_events_time" ON "provenance_events" USING btree (coalesce("event_time", "recorded_at"));--> statement-breakpoint
CREATE INDEX "provenance_items_registered" ON "provenance_items" USING btree ("registered_block","id");--> statement-breakpoint
CREATE INDEX "provenance_items_registrant" ON "provenance_items" USING btree ("registered_by","registered_block","id");--> statement-breakpoint
CREATE INDEX "provenance_items_listing" ON "provenance_items" USING btree ("listing_id","registered_block","id");--> statement-breakpoint
CREATE INDEX "provenance_items_status" ON "provenance_items" USING btree ("status","registered_block","id");--> statement-breakpoint
CREATE INDEX "provenance_items_epc" ON "provenance_items" USING btree ("epc" text_pattern_ops);