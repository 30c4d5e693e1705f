ALTER TABLE "bot_settings" ADD COLUMN "default_language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "bot_settings" ADD COLUMN "system_messages" jsonb;--> statement-breakpoint
ALTER TABLE "bot_settings" ADD COLUMN "ai_disclosure" boolean DEFAULT true NOT NULL;