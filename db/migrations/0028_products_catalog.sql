ALTER TYPE "public"."handoff_reason" ADD VALUE 'order';--> statement-breakpoint
CREATE TABLE "catalog_connections" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"channel_id" uuid NOT NULL,
	"catalog_id" text NOT NULL,
	"catalog_name" text NOT NULL,
	"waba_id" text NOT NULL,
	"sync_state" text DEFAULT 'idle' NOT NULL,
	"sync_error" text,
	"batch_handles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"retailer_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"availability" text DEFAULT 'in_stock' NOT NULL,
	"image_url" text,
	"link" text,
	"sync_status" text DEFAULT 'not_synced' NOT NULL,
	"sync_error" text,
	"synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_workspace_id_retailer_id_unique" UNIQUE("workspace_id","retailer_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_catalog_batches" (
	"handle" text PRIMARY KEY NOT NULL,
	"catalog_id" text NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"finishes_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_catalog_items" (
	"catalog_id" text NOT NULL,
	"retailer_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_catalog_items_catalog_id_retailer_id_pk" PRIMARY KEY("catalog_id","retailer_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_catalogs" (
	"id" text PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"name" text NOT NULL,
	"waba_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_connections" ADD CONSTRAINT "catalog_connections_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_connections" ADD CONSTRAINT "catalog_connections_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "products_workspace_id_name_index" ON "products" USING btree ("workspace_id","name");