import { finishConversationSummary, listHelpTurns } from "@/db/queries/agent-help";
import { readSummary, summaryMessages } from "@/lib/ai/agent-help";
import { isAiUnavailable } from "@/lib/ai/reply";
import { englishName, isLanguage } from "@/lib/bot/languages";
import { boundText, DEFAULT_INPUT_CHARS } from "@/lib/bot/text";
import { askForAgent, HELP_TURNS, type HelpDeps, helpProviders, workspaceName } from "./agent-help";

export type SummaryRequest = { workspaceId: string; conversationId: string; requestedAt: string };

// Room for three short fields of JSON.
const SUMMARY_MAX_CHARS = 1_200;

/**
 * Makes and stores the summary asked for at `requestedAt` (the job's one step). Expected failures
 * (no provider, every provider down, an unreadable answer) are stored as the summary's state for
 * the agent to see; anything else throws, and the job retries.
 */
export async function summarizeConversation(
  deps: HelpDeps,
  request: SummaryRequest,
): Promise<"ready" | "failed" | "not_found"> {
  const { workspaceId, conversationId } = request;
  const requestedAt = new Date(request.requestedAt);
  const fail = async (error: string) => {
    await finishConversationSummary(deps.db, {
      workspaceId,
      conversationId,
      requestedAt,
      outcome: { state: "failed", error },
    });
    return "failed" as const;
  };
  const { settings, providers } = await helpProviders(deps, workspaceId);
  if (providers.length === 0) return fail("AI help is not set up for this workspace.");
  const turns = await listHelpTurns(deps.db, { workspaceId, conversationId, limit: HELP_TURNS });
  if (!turns) return "not_found";
  if (turns.length === 0) return fail("There are no messages to summarise yet.");
  const language = isLanguage(settings.defaultLanguage) ? settings.defaultLanguage : "en";
  try {
    const reply = await askForAgent(
      deps,
      { workspaceId, conversationId, userId: null },
      "summary",
      providers,
      summaryMessages({
        businessName: await workspaceName(deps, settings),
        teamLanguage: englishName(language),
        turns: turns.map((t) => ({ ...t, text: boundText(t.text, DEFAULT_INPUT_CHARS) })),
      }),
      SUMMARY_MAX_CHARS,
    );
    const parts = readSummary(reply.text);
    if (!parts) return fail("The AI's answer could not be read as a summary. Try refreshing it.");
    await finishConversationSummary(deps.db, {
      workspaceId,
      conversationId,
      requestedAt,
      outcome: { state: "ready", ...parts, aiModel: reply.model },
    });
    return "ready";
  } catch (error) {
    if (!isAiUnavailable(error)) throw error;
    const timedOut = error.failures.some((f) => f.error === "timed out");
    return fail(
      timedOut
        ? "The AI took too long to answer. Try refreshing the summary."
        : "The AI provider did not answer. Try refreshing the summary.",
    );
  }
}
