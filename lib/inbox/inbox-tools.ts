import type { z } from "zod";
import * as q from "@/db/queries/inbox-tools";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import type {
  BulkInput,
  CannedReplyFields,
  LabelFields,
  labelConversationInput,
  priorityInput,
  snoozeInput,
} from "@/lib/validations/inbox-tools";
import { assignConversation, closeConversation } from "./work-conversation";

type Changed = { changed: boolean };

const gone = (what: string) =>
  ({
    ok: false,
    code: "not_found",
    message: `This ${what} does not exist any more. Reload the page.`,
  }) as const;
const conversationGone = {
  ok: false,
  code: "not_found",
  message: "Conversation not found.",
} as const;

const shortcutTaken = (shortcut: string) =>
  ({
    ok: false,
    code: "conflict",
    message: "Please correct the highlighted fields.",
    fieldErrors: { shortcut: `/${shortcut} is already the shortcut of another reply.` },
  }) as const;

const labelTaken = (name: string) =>
  ({
    ok: false,
    code: "conflict",
    message: "Please correct the highlighted fields.",
    fieldErrors: { name: `There is already a label called "${name}".` },
  }) as const;

// The workspace's library: canned replies and labels, each change in the audit log.

export async function createCannedReply(
  ctx: WorkspaceContext,
  input: CannedReplyFields,
): Promise<ActionResult<{ id: string }>> {
  const row = await q.createCannedReply(ctx.db, { workspaceId: ctx.workspace.id, ...input });
  if (!row) return shortcutTaken(input.shortcut);
  await ctx.audit("canned_reply.created", row.id, { shortcut: row.shortcut });
  return { ok: true, data: { id: row.id } };
}

export async function updateCannedReply(
  ctx: WorkspaceContext,
  input: CannedReplyFields & { id: string },
): Promise<ActionResult<{ id: string }>> {
  const row = await q.updateCannedReply(ctx.db, { workspaceId: ctx.workspace.id, ...input });
  if (row === "taken") return shortcutTaken(input.shortcut);
  if (!row) return gone("reply");
  await ctx.audit("canned_reply.updated", row.id, { shortcut: row.shortcut });
  return { ok: true, data: { id: row.id } };
}

export async function deleteCannedReply(
  ctx: WorkspaceContext,
  input: { id: string },
): Promise<ActionResult<null>> {
  const row = await q.deleteCannedReply(ctx.db, { workspaceId: ctx.workspace.id, id: input.id });
  if (!row) return gone("reply");
  await ctx.audit("canned_reply.deleted", row.id, { shortcut: row.shortcut });
  return { ok: true, data: null };
}

export async function createLabel(
  ctx: WorkspaceContext,
  input: LabelFields,
): Promise<ActionResult<{ id: string }>> {
  const row = await q.createLabel(ctx.db, { workspaceId: ctx.workspace.id, ...input });
  if (!row) return labelTaken(input.name);
  await ctx.audit("label.created", row.id, { name: row.name, color: row.color });
  return { ok: true, data: { id: row.id } };
}

export async function updateLabel(
  ctx: WorkspaceContext,
  input: LabelFields & { id: string },
): Promise<ActionResult<{ id: string }>> {
  const row = await q.updateLabel(ctx.db, { workspaceId: ctx.workspace.id, ...input });
  if (row === "taken") return labelTaken(input.name);
  if (!row) return gone("label");
  await ctx.audit("label.updated", row.id, { name: row.name, color: row.color });
  return { ok: true, data: { id: row.id } };
}

export async function deleteLabel(
  ctx: WorkspaceContext,
  input: { id: string },
): Promise<ActionResult<null>> {
  const row = await q.deleteLabel(ctx.db, { workspaceId: ctx.workspace.id, id: input.id });
  if (!row) return gone("label");
  await ctx.audit("label.deleted", row.id, { name: row.name });
  return { ok: true, data: null };
}

// On conversations: recorded in each thread, as the inbox's other actions are.

const byUser = (ctx: WorkspaceContext, conversationId: string) => ({
  workspaceId: ctx.workspace.id,
  conversationId,
  userId: ctx.user.id,
});

export async function labelConversation(
  ctx: WorkspaceContext,
  input: z.infer<typeof labelConversationInput>,
): Promise<ActionResult<Changed>> {
  const outcome = await q.setConversationLabel(ctx.db, {
    ...byUser(ctx, input.conversationId),
    labelId: input.labelId,
    on: input.on,
  });
  if (outcome === "no_label") {
    return {
      ok: false,
      code: "invalid",
      message: "This label does not exist any more. Reload the page.",
      fieldErrors: { labelId: "Choose one of the workspace's labels." },
    };
  }
  return outcome ? { ok: true, data: outcome } : conversationGone;
}

export async function prioritize(
  ctx: WorkspaceContext,
  input: z.infer<typeof priorityInput>,
): Promise<ActionResult<Changed>> {
  const outcome = await q.setPriority(ctx.db, {
    ...byUser(ctx, input.conversationId),
    priority: input.priority,
  });
  return outcome ? { ok: true, data: outcome } : conversationGone;
}

export async function snooze(
  ctx: WorkspaceContext,
  input: z.infer<typeof snoozeInput>,
): Promise<ActionResult<Changed>> {
  const outcome = await q.snoozeConversation(ctx.db, {
    ...byUser(ctx, input.conversationId),
    until: input.until ? new Date(input.until) : null,
  });
  return outcome ? { ok: true, data: outcome } : conversationGone;
}

export type BulkOutcome = {
  /** Conversations the action changed. */
  changed: number;
  /** Conversations already so (closed, assigned to that person, labelled). */
  unchanged: number;
  /** Ids not found in the workspace (deleted meanwhile, or never its own). */
  missing: number;
};

/**
 * One action on several conversations, each through the same rules as on one (a closed
 * conversation's webhook, the assignee's membership, the thread's record). Ids of another
 * workspace count as missing and are left alone.
 */
export async function bulkAct(
  ctx: WorkspaceContext,
  input: BulkInput,
): Promise<ActionResult<BulkOutcome>> {
  const outcome: BulkOutcome = { changed: 0, unchanged: 0, missing: 0 };
  const { action } = input;
  for (const conversationId of new Set(input.conversationIds)) {
    const result =
      action.kind === "close"
        ? await closeConversation(ctx, { conversationId })
        : action.kind === "assign"
          ? await assignConversation(ctx, { conversationId, assigneeId: action.assigneeId })
          : await labelConversation(ctx, { conversationId, labelId: action.labelId, on: true });
    if (result.ok) {
      if (result.data.changed) outcome.changed++;
      else outcome.unchanged++;
    } else if (result.code === "not_found") {
      outcome.missing++;
    } else {
      // The same refusal for every conversation (a non-member assignee, a deleted label).
      return result;
    }
  }
  return { ok: true, data: outcome };
}
