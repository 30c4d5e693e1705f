import { requestConversationSummary } from "@/db/queries/agent-help";
import type { ActionResult } from "@/lib/auth/workspace";
import { log } from "@/lib/log";
import { type HelpDeps, helpProviders } from "./agent-help";

/**
 * Asks for a conversation's summary to be made in the background: stored as being made, then
 * handed to the job system. Nothing is asked without an AI provider.
 */
export async function requestSummary(
  deps: HelpDeps,
  p: { workspaceId: string; conversationId: string },
): Promise<ActionResult<{ requestedAt: string }>> {
  const { providers } = await helpProviders(deps, p.workspaceId);
  if (providers.length === 0) {
    return {
      ok: false,
      code: "no_ai",
      message:
        "AI help is not set up for this workspace: an owner can add an AI provider in the bot settings.",
    };
  }
  const at = await requestConversationSummary(deps.db, p);
  if (!at) return { ok: false, code: "not_found", message: "Conversation not found." };
  const requestedAt = at.toISOString();
  // Loaded when needed: the dispatcher imports the reply job, which hands off through here.
  const { dispatchSummary } = await import("@/inngest/dispatch");
  try {
    await dispatchSummary({ ...p, requestedAt });
  } catch (err) {
    log.error({ ...p, err }, "Could not queue the conversation's summary");
    return {
      ok: false,
      code: "unavailable",
      message: "The summary could not be started. Try again in a moment.",
    };
  }
  return { ok: true, data: { requestedAt } };
}
