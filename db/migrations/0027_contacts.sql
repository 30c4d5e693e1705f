CREATE TYPE "public"."marketing_opt_in" AS ENUM('opted_in', 'opted_out');--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "username" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_opt_in" "marketing_opt_in";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_opt_in_source" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_opt_in_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contacts_tags_idx" ON "contacts" USING gin ("tags");