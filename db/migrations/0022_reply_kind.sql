DROP INDEX "messages_analytics_answers_idx";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_kind" text;--> statement-breakpoint
UPDATE "messages" SET "reply_kind" = "payload"->>'reply',
  "payload" = nullif("payload" - 'reply', '{}'::jsonb)
WHERE "direction" = 'outbound' AND "payload" ? 'reply';--> statement-breakpoint
CREATE INDEX "messages_analytics_answers_idx" ON "messages" USING btree ("workspace_id","created_at","source","reply_to_id") WHERE "messages"."direction" = 'outbound' and "messages"."reply_kind" in ('answer', 'fallback');