CREATE TABLE "sandbox_media" (
	"id" text PRIMARY KEY NOT NULL,
	"phone_number_id" text NOT NULL,
	"mime_type" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone_number_id" text NOT NULL,
	"customer" text NOT NULL,
	"direction" text NOT NULL,
	"wamid" text NOT NULL,
	"type" text NOT NULL,
	"body" jsonb NOT NULL,
	"status" text NOT NULL,
	"error_code" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "sandbox_messages_wamid_unique" UNIQUE("wamid")
);
--> statement-breakpoint
CREATE INDEX "sandbox_messages_phone_number_id_customer_created_at_index" ON "sandbox_messages" USING btree ("phone_number_id","customer","created_at");