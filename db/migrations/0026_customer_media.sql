ALTER TABLE "bot_settings" ADD COLUMN "ai_images" text DEFAULT 'auto' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "transcript" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "transcription_model" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "transcription_seconds" integer;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "transcription_cost_micros" integer;--> statement-breakpoint
CREATE INDEX "messages_analytics_transcription_idx" ON "messages" USING btree ("workspace_id","created_at","transcription_seconds","transcription_cost_micros") WHERE "messages"."transcription_model" is not null;