ALTER TABLE "channels" ADD COLUMN "coexistence" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "app_sync" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "from_business_app" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "imported" boolean DEFAULT false NOT NULL;