ALTER TABLE "messages" ADD COLUMN "queue_state" "reply_state";--> statement-breakpoint
UPDATE "messages" SET "queue_state" = "reply_state", "reply_state" = NULL
WHERE "direction" = 'outbound' AND "reply_state" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_queue_pending_idx" ON "messages" USING btree ("created_at") WHERE "messages"."queue_state" = 'pending';