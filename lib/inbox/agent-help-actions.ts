import type { z } from "zod";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import type { conversationRef, rewriteDraftInput } from "@/lib/validations/inbox";
import { helpDeps, rewriteDraft, suggestReply } from "./agent-help";
import { requestSummary } from "./request-summary";

// The inbox's AI help, checked against the workspace by the guard that calls it
// (`workspaceAction`); every query is scoped to that workspace.

type Ref = z.infer<typeof conversationRef>;

const scope = (ctx: WorkspaceContext, input: Ref) => ({
  workspaceId: ctx.workspace.id,
  conversationId: input.conversationId,
  userId: ctx.user.id,
});

export const suggest = async (ctx: WorkspaceContext, input: Ref) =>
  suggestReply(await helpDeps(ctx.db), scope(ctx, input));

export const rewrite = async (ctx: WorkspaceContext, input: z.infer<typeof rewriteDraftInput>) =>
  rewriteDraft(await helpDeps(ctx.db), scope(ctx, input), { draft: input.draft, how: input.how });

export const refreshSummary = async (ctx: WorkspaceContext, input: Ref) =>
  requestSummary(await helpDeps(ctx.db), {
    workspaceId: ctx.workspace.id,
    conversationId: input.conversationId,
  });
