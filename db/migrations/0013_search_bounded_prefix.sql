DROP INDEX "messages_text_search_idx";--> statement-breakpoint
CREATE INDEX "messages_text_search_idx" ON "messages" USING gin (to_tsvector('simple', left("text", 65536)));