import type { z } from "zod";
import * as q from "@/db/queries/inbox-actions";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { askForRating } from "@/lib/csat/ask-rating";
import { emitConversationClosed } from "@/lib/outgoing-webhooks/events";
import type { assignInput, conversationRef, noteInput } from "@/lib/validations/inbox";

type Ref = z.infer<typeof conversationRef>;
type Changed = { changed: boolean };

const notFound = { ok: false, code: "not_found", message: "Conversation not found." } as const;

const scope = (ctx: WorkspaceContext, input: Ref) => ({
  workspaceId: ctx.workspace.id,
  conversationId: input.conversationId,
  userId: ctx.user.id,
});

function result(outcome: Changed | null): ActionResult<Changed> {
  return outcome ? { ok: true, data: outcome } : notFound;
}

// The inbox's actions on a conversation. Each is checked against the workspace by the guard that
// calls it (`workspaceAction`), and every query is scoped to that workspace.

export const takeOver = async (ctx: WorkspaceContext, input: Ref) =>
  result(await q.takeOver(ctx.db, scope(ctx, input)));

export const handBack = async (ctx: WorkspaceContext, input: Ref) =>
  result(await q.handBack(ctx.db, scope(ctx, input)));

export async function closeConversation(ctx: WorkspaceContext, input: Ref) {
  const outcome = await q.closeConversation(ctx.db, scope(ctx, input));
  if (outcome?.changed) {
    await emitConversationClosed(ctx.db, {
      workspaceId: ctx.workspace.id,
      conversationId: input.conversationId,
      closedBy: ctx.user.id,
    });
    await askForRating(ctx, input.conversationId);
  }
  return result(outcome);
}

export const reopenConversation = async (ctx: WorkspaceContext, input: Ref) =>
  result(await q.reopenConversation(ctx.db, scope(ctx, input)));

export async function assignConversation(
  ctx: WorkspaceContext,
  input: z.infer<typeof assignInput>,
): Promise<ActionResult<Changed>> {
  const outcome = await q.assignConversation(ctx.db, {
    ...scope(ctx, input),
    assigneeId: input.assigneeId,
  });
  if (outcome === "not_member") {
    return {
      ok: false,
      code: "invalid",
      message: "That person is not a member of this workspace.",
      fieldErrors: { assigneeId: "Choose a member of this workspace." },
    };
  }
  return result(outcome);
}

export async function markRead(ctx: WorkspaceContext, input: Ref): Promise<ActionResult<Changed>> {
  const done = await q.markConversationRead(ctx.db, {
    workspaceId: ctx.workspace.id,
    conversationId: input.conversationId,
  });
  return done ? { ok: true, data: { changed: true } } : notFound;
}

export async function addNote(
  ctx: WorkspaceContext,
  input: z.infer<typeof noteInput>,
): Promise<ActionResult<{ id: string }>> {
  const id = await q.addNote(ctx.db, { ...scope(ctx, input), body: input.body });
  return id ? { ok: true, data: { id } } : notFound;
}
