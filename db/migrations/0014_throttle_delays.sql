ALTER TABLE "auth_throttle" RENAME COLUMN "window_started_at" TO "last_attempt_at";--> statement-breakpoint
-- Counts from the old fixed windows would read as failures under the new delays: start clean.
DELETE FROM "auth_throttle";
