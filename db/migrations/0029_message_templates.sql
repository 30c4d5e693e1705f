CREATE TABLE "message_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"waba_id" text NOT NULL,
	"meta_id" text NOT NULL,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"category" text,
	"status" text NOT NULL,
	"quality" text,
	"rejected_reason" text,
	"category_note" text,
	"parameter_format" text,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_templates_workspace_id_waba_id_meta_id_unique" UNIQUE("workspace_id","waba_id","meta_id")
);
--> statement-breakpoint
CREATE TABLE "template_syncs" (
	"workspace_id" uuid NOT NULL,
	"waba_id" text NOT NULL,
	"synced_at" timestamp with time zone,
	CONSTRAINT "template_syncs_workspace_id_waba_id_unique" UNIQUE("workspace_id","waba_id")
);
--> statement-breakpoint
ALTER TABLE "sandbox_templates" ADD COLUMN "rejected_reason" text;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_syncs" ADD CONSTRAINT "template_syncs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_templates_workspace_id_waba_id_name_index" ON "message_templates" USING btree ("workspace_id","waba_id","name");