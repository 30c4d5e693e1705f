ALTER TYPE "public"."conversation_event_kind" ADD VALUE 'rated';--> statement-breakpoint
ALTER TYPE "public"."conversation_event_kind" ADD VALUE 'rating_not_sent';--> statement-breakpoint
CREATE TABLE "csat_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"close_event_id" uuid NOT NULL,
	"closed_by" text,
	"agent_id" text,
	"message_id" uuid,
	"skip_reason" text,
	"score" integer,
	"rated_at" timestamp with time zone,
	"rating_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "csat_requests_close_event_id_unique" UNIQUE("close_event_id"),
	CONSTRAINT "csat_requests_score" CHECK ("csat_requests"."score" is null or "csat_requests"."score" between 1 and 3)
);
--> statement-breakpoint
ALTER TABLE "bot_settings" ADD COLUMN "csat_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bot_settings" ADD COLUMN "csat_question" text;--> statement-breakpoint
ALTER TABLE "csat_requests" ADD CONSTRAINT "csat_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_requests" ADD CONSTRAINT "csat_requests_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_requests" ADD CONSTRAINT "csat_requests_close_event_id_conversation_events_id_fk" FOREIGN KEY ("close_event_id") REFERENCES "public"."conversation_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_requests" ADD CONSTRAINT "csat_requests_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_requests" ADD CONSTRAINT "csat_requests_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_requests" ADD CONSTRAINT "csat_requests_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_requests" ADD CONSTRAINT "csat_requests_rating_message_id_messages_id_fk" FOREIGN KEY ("rating_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "csat_requests_workspace_id_created_at_index" ON "csat_requests" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "csat_requests_conversation_id_index" ON "csat_requests" USING btree ("conversation_id");