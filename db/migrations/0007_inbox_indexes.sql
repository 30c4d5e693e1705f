DROP INDEX "conversations_workspace_id_status_last_message_at_index";--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin (to_tsvector('simple', coalesce("name", '') || ' ' || coalesce("wa_id", '')));--> statement-breakpoint
CREATE INDEX "conversations_workspace_id_status_last_message_at_id_index" ON "conversations" USING btree ("workspace_id","status","last_message_at","id");--> statement-breakpoint
CREATE INDEX "conversations_inbox_open_idx" ON "conversations" USING btree ("workspace_id","last_message_at","id") WHERE "conversations"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "conversations_inbox_needs_human_idx" ON "conversations" USING btree ("workspace_id","last_message_at","id") WHERE "conversations"."needs_human" and "conversations"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "conversations_inbox_unread_idx" ON "conversations" USING btree ("workspace_id","last_message_at","id") WHERE "conversations"."unread_count" > 0 and "conversations"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "conversations_inbox_assignee_idx" ON "conversations" USING btree ("workspace_id","assignee_id","last_message_at","id") WHERE "conversations"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "messages_text_search_idx" ON "messages" USING gin (to_tsvector('simple', "text"));