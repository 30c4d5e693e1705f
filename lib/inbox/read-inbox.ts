import type { z } from "zod";
import { getConversationSummary } from "@/db/queries/agent-help";
import { getBotSettings } from "@/db/queries/bot-settings";
import { type InboxFilter, inboxCounts, listInbox } from "@/db/queries/inbox";
import {
  getInboxConversation,
  getLatestEscalationAlert,
  listThread,
} from "@/db/queries/inbox-thread";
import { decodeCursor, encodeCursor } from "@/lib/api/cursor";
import { jsonify } from "@/lib/api/jsonify";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import { replyAiConfig } from "@/lib/bot/deps";
import { hoursNow } from "@/lib/bot/hours-now";
import { workspaceProviders } from "@/lib/bot/workspace-providers";
import { getKeyring } from "@/lib/crypto";
import type { inboxListQuery } from "@/lib/validations/inbox";

export const INBOX_PAGE = 30;
export const THREAD_PAGE = 60;

/** One page of the conversation list with every tab's count, as the page and its polling use it. */
export async function readInboxPage(
  ctx: WorkspaceContext,
  query: Partial<z.output<typeof inboxListQuery>> & { filter: InboxFilter },
) {
  const scope = { workspaceId: ctx.workspace.id, userId: ctx.user.id };
  const [page, counts] = await Promise.all([
    listInbox(ctx.db, {
      ...scope,
      filter: query.filter,
      search: query.q,
      labelId: query.label,
      priority: query.priority,
      sort: query.sort ?? "recent",
      after: decodeCursor(query.after, "uuid"),
      limit: INBOX_PAGE,
    }),
    inboxCounts(ctx.db, scope),
  ]);
  return jsonify({ rows: page.rows, next: encodeCursor(page.next), counts });
}

export type InboxPage = Awaited<ReturnType<typeof readInboxPage>>;
export type InboxRow = InboxPage["rows"][number];

/** A conversation and the latest page of its thread (or the page before `before`). */
export async function readThread(ctx: WorkspaceContext, conversationId: string, before?: string) {
  const conversation = await getInboxConversation(ctx.db, {
    workspaceId: ctx.workspace.id,
    id: conversationId,
  });
  if (!conversation) return null;
  // A thread's cursor holds a message's sequence number; a list's (a conversation id) is refused.
  const cursor = decodeCursor(before, "seq");
  const thread = await listThread(ctx.db, {
    workspaceId: ctx.workspace.id,
    conversationId,
    before: cursor && { at: cursor.at, seq: Number(cursor.id) },
    limit: THREAD_PAGE,
  });
  const alert = conversation.needsHuman
    ? await getLatestEscalationAlert(ctx.db, { workspaceId: ctx.workspace.id, conversationId })
    : null;
  const now = new Date();
  const [settings, summary] = await Promise.all([
    getBotSettings(ctx.db, ctx.workspace.id),
    getConversationSummary(ctx.db, { workspaceId: ctx.workspace.id, conversationId }),
  ]);
  const aiHelp =
    workspaceProviders({ ai: replyAiConfig(), keyring: getKeyring() }, settings).length > 0;
  return jsonify({
    /** The server's clock, so the 24-hour countdown does not depend on the agent's. */
    now,
    /** Whether the business is closed now and what the bot does then, for the header. */
    hours: hoursNow(settings, now),
    conversation,
    /** How the staff alert of the hand-off the conversation waits on went; null when none. */
    alert,
    /** Whether the workspace has an AI provider, so the inbox offers AI help. */
    aiHelp,
    /** The conversation's summary for the team (made on hand-off or on request); null if none. */
    summary,
    messages: thread.messages,
    events: thread.events,
    earlier: encodeCursor(
      thread.earlier && { at: thread.earlier.at, id: String(thread.earlier.seq) },
    ),
  });
}

export type ThreadView = NonNullable<Awaited<ReturnType<typeof readThread>>>;
