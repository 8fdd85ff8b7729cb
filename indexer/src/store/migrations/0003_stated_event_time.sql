-- A recorder that states no event time sends 0; the event has no stated time, not the epoch.
UPDATE "provenance_events" SET "event_time" = NULL WHERE "event_time" = 0;
