CREATE TYPE "public"."agent_help_kind" AS ENUM('suggest', 'summary', 'translate', 'friendlier');--> statement-breakpoint
CREATE TYPE "public"."conversation_summary_state" AS ENUM('pending', 'ready', 'failed');--> statement-breakpoint
CREATE TABLE "agent_help_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid,
	"user_id" text,
	"kind" "agent_help_kind" NOT NULL,
	"ai_model" text NOT NULL,
	"prompt_tokens" integer NOT NULL,
	"completion_tokens" integer NOT NULL,
	"cost_micros" integer,
	"latency_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_summaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"state" "conversation_summary_state" NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"wants" text,
	"bot_said" text,
	"open_questions" text,
	"error" text,
	"ai_model" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_summaries_conversation_id_unique" UNIQUE("conversation_id")
);
--> statement-breakpoint
ALTER TABLE "agent_help_calls" ADD CONSTRAINT "agent_help_calls_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_help_calls" ADD CONSTRAINT "agent_help_calls_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_help_calls" ADD CONSTRAINT "agent_help_calls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_summaries" ADD CONSTRAINT "conversation_summaries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_summaries" ADD CONSTRAINT "conversation_summaries_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_help_calls_workspace_id_created_at_index" ON "agent_help_calls" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "conversation_summaries_workspace_id_index" ON "conversation_summaries" USING btree ("workspace_id");