CREATE TABLE "answer_counters" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"hour_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"previous_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answer_counters" ADD CONSTRAINT "answer_counters_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "answer_counters" ("workspace_id", "hour_start", "count", "previous_count")
SELECT "workspace_id", date_trunc('hour', now()),
  count(*) FILTER (WHERE "claimed_at" >= date_trunc('hour', now())),
  count(*) FILTER (WHERE "claimed_at" < date_trunc('hour', now()) AND "claimed_at" >= date_trunc('hour', now()) - interval '1 hour')
FROM "answer_claims" GROUP BY "workspace_id";
