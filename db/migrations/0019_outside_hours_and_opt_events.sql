ALTER TYPE "public"."conversation_event_kind" ADD VALUE 'opted_out';--> statement-breakpoint
ALTER TYPE "public"."conversation_event_kind" ADD VALUE 'opted_in';--> statement-breakpoint
ALTER TABLE "bot_settings" ADD COLUMN "outside_hours" text DEFAULT 'answer' NOT NULL;