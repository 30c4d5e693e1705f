CREATE TABLE "faq_embeddings" (
	"faq_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"model" text NOT NULL,
	"content_hash" text NOT NULL,
	"vector" real[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_embeddings_faq_id_model_pk" PRIMARY KEY("faq_id","model")
);
--> statement-breakpoint
ALTER TABLE "faq_embeddings" ADD CONSTRAINT "faq_embeddings_faq_id_faqs_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_embeddings" ADD CONSTRAINT "faq_embeddings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "faq_embeddings_workspace_id_model_index" ON "faq_embeddings" USING btree ("workspace_id","model");