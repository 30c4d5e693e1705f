ALTER TABLE "sandbox_accounts" ADD COLUMN "business_app_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sandbox_accounts" ADD COLUMN "history_shared" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_accounts" ADD COLUMN "contacts_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sandbox_accounts" ADD COLUMN "history_synced_at" timestamp with time zone;