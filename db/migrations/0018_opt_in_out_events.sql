ALTER TYPE "public"."conversation_event_kind" ADD VALUE 'opted_out';--> statement-breakpoint
ALTER TYPE "public"."conversation_event_kind" ADD VALUE 'opted_in';