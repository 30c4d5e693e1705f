DROP INDEX "messages_workspace_id_created_at_index";--> statement-breakpoint
DROP INDEX "messages_analytics_failed_idx";--> statement-breakpoint
DROP INDEX "messages_analytics_idx";--> statement-breakpoint
CREATE INDEX "messages_analytics_idx" ON "messages" USING btree ("workspace_id","created_at","direction","source","conversation_id","seq","id");