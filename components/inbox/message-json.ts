import type { ThreadMessage } from "@/db/queries/inbox-thread";
import type { Jsonify } from "@/lib/api/jsonify";

/** One message of a thread as the browser receives it: dates are ISO strings. */
export type ThreadMessageJson = Jsonify<ThreadMessage>;

/**
 * Where the browser loads a message's file: the workspace's own media route, which fetches it
 * from WhatsApp with the number's token; the URL itself carries no secret.
 */
export function mediaUrl(workspaceSlug: string, messageId: string): string {
  return `/${encodeURIComponent(workspaceSlug)}/inbox/media/${encodeURIComponent(messageId)}`;
}
