ALTER TYPE "public"."message_status" ADD VALUE 'played' BEFORE 'failed';--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "problems" jsonb;