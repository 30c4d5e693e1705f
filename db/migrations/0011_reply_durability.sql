CREATE TABLE "answer_claims" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bot_settings" ADD COLUMN "alert_template_name" text;--> statement-breakpoint
ALTER TABLE "bot_settings" ADD COLUMN "alert_template_language" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "reply_lease_message_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "reply_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "alert_wa_message_id" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "alert_status" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "alert_status_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sending_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "send_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "answer_claims" ADD CONSTRAINT "answer_claims_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answer_claims_workspace_id_claimed_at_index" ON "answer_claims" USING btree ("workspace_id","claimed_at");