CREATE TABLE "meta_rates" (
	"country" text NOT NULL,
	"category" text NOT NULL,
	"price_micros" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meta_rates_country_category_pk" PRIMARY KEY("country","category"),
	CONSTRAINT "meta_rates_price_check" CHECK ("meta_rates"."price_micros" >= 0)
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "pricing_category" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "pricing_type" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "pricing_billable" boolean;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "pricing_model" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "pricing_country" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "by_operator" boolean DEFAULT false NOT NULL;