import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { Db } from "@/db/client";
import {
  type AgentHelpKind,
  type HelpTurn,
  listHelpTurns,
  recordAgentHelpCall,
} from "@/db/queries/agent-help";
import { type BotSettingsRow, getBotSettings } from "@/db/queries/bot-settings";
import { getWorkspaceName } from "@/db/queries/workspaces";
import {
  friendlierMessages,
  readRewrite,
  suggestMessages,
  translateDraftMessages,
} from "@/lib/ai/agent-help";
import { embeddingSpace } from "@/lib/ai/embeddings";
import type { AiProvider } from "@/lib/ai/providers";
import { type AiReply, completeChat, isAiUnavailable } from "@/lib/ai/reply";
import { keepsFacts } from "@/lib/ai/translate";
import type { ActionResult } from "@/lib/auth/workspace";
import { getReplyDeps, type ReplyDeps } from "@/lib/bot/deps";
import { writtenLanguage } from "@/lib/bot/detect-language";
import { getFaqIndex } from "@/lib/bot/faq-cache";
import { englishName, type Language } from "@/lib/bot/languages";
import { boundText, DEFAULT_INPUT_CHARS } from "@/lib/bot/text";
import { workspaceProviders } from "@/lib/bot/workspace-providers";
import { passagesForQuestion } from "@/lib/knowledge/retrieve";
import { MAX_TEXT } from "@/lib/whatsapp/split-text";

/** What AI help needs: the database, the deployment's AI settings and the key to open secrets. */
export type HelpDeps = Pick<ReplyDeps, "db" | "ai" | "keyring">;

/** The reply job's AI settings and keyring (tests point them at stubs), with the caller's db. */
export async function helpDeps(db?: Db): Promise<HelpDeps> {
  const deps = await getReplyDeps();
  return { db: db ?? deps.db, ai: deps.ai, keyring: deps.keyring };
}

/** How many of the latest messages the help reads. */
export const HELP_TURNS = 20;

type Scope = { workspaceId: string; conversationId: string; userId: string | null };

/** The workspace's provider chain (the bot's), and its settings. */
export async function helpProviders(deps: HelpDeps, workspaceId: string) {
  const settings = await getBotSettings(deps.db, workspaceId);
  return { settings, providers: workspaceProviders(deps, settings) };
}

const refused = (code: string, message: string) => ({ ok: false, code, message }) as const;
const NO_AI = refused(
  "no_ai",
  "AI help is not set up for this workspace: an owner can add an AI provider in the bot settings.",
);
const NOT_FOUND = refused("not_found", "Conversation not found.");

/** Why the providers gave nothing, in words an agent can act on. */
function unavailable(error: unknown) {
  if (!isAiUnavailable(error)) throw error;
  const timedOut = error.failures.some((f) => f.error === "timed out");
  return refused(
    "ai_failed",
    timedOut
      ? "The AI took too long to answer. Your draft is unchanged; try again in a moment."
      : "The AI provider did not answer. Your draft is unchanged; try again in a moment.",
  );
}

/** One call through the chain, recorded for the analytics' AI usage. */
export async function askForAgent(
  deps: HelpDeps,
  scope: Scope,
  kind: AgentHelpKind,
  providers: AiProvider[],
  messages: ChatCompletionMessageParam[],
  maxLength: number,
): Promise<AiReply> {
  const reply = await completeChat(providers, messages, {
    maxLength,
    ...(deps.ai.timeoutMs && { timeoutMs: deps.ai.timeoutMs }),
  });
  await recordAgentHelpCall(deps.db, {
    ...scope,
    kind,
    aiModel: reply.model,
    promptTokens: reply.promptTokens,
    completionTokens: reply.completionTokens,
    costMicros: reply.costMicros,
    latencyMs: reply.latencyMs,
  });
  return reply;
}

const bounded = (turns: HelpTurn[]) =>
  turns.map((t) => ({ ...t, text: boundText(t.text, DEFAULT_INPUT_CHARS) }));

/** What the customer asked most recently: their messages since the team or the bot last wrote. */
function latestQuestion(turns: HelpTurn[]): string {
  const last: string[] = [];
  for (const t of [...turns].reverse()) {
    if (t.from !== "customer") {
      if (last.length > 0) break;
      continue;
    }
    last.unshift(t.text);
  }
  return boundText(last.join("\n"), DEFAULT_INPUT_CHARS);
}

/**
 * A draft reply to the customer's latest messages, grounded as the bot's answers are (the closest
 * FAQ entries and knowledge passages) and written under the workspace's instructions and tone.
 */
export async function suggestReply(
  deps: HelpDeps,
  scope: Scope,
): Promise<ActionResult<{ text: string }>> {
  const { settings, providers } = await helpProviders(deps, scope.workspaceId);
  if (providers.length === 0) return NO_AI;
  const turns = await listHelpTurns(deps.db, { ...scope, limit: HELP_TURNS });
  if (!turns) return NOT_FOUND;
  const question = latestQuestion(turns);
  if (!question) return refused("nothing_to_answer", "The customer has not written anything yet.");
  const index = await getFaqIndex(deps.db, scope.workspaceId);
  const grounding = index
    .related(question, 4, 0.1)
    .map((m) => ({ question: m.faq.question, answer: m.faq.answer }));
  const knowledge = await passagesForQuestion(
    { db: deps.db, ...(deps.ai.timeoutMs && { timeoutMs: deps.ai.timeoutMs }) },
    {
      workspaceId: scope.workspaceId,
      question,
      space: embeddingSpace(providers, deps.ai.embeddingModel),
    },
  );
  const maxLength = Math.min(settings.maxReplyLength, MAX_TEXT);
  try {
    const reply = await askForAgent(
      deps,
      scope,
      "suggest",
      providers,
      suggestMessages({
        businessName: await workspaceName(deps, settings),
        systemPrompt: settings.systemPrompt,
        tone: settings.tone,
        maxLength,
        grounding,
        knowledge,
        turns: bounded(turns),
      }),
      maxLength,
    );
    return { ok: true, data: { text: readRewrite(reply.text) } };
  } catch (error) {
    return unavailable(error);
  }
}

export async function workspaceName(deps: HelpDeps, settings: BotSettingsRow): Promise<string> {
  return (await getWorkspaceName(deps.db, settings.workspaceId))?.name ?? "the business";
}

/** The language the customer writes in: their latest message whose language is clear. */
export function customerLanguage(turns: HelpTurn[]): Language | null {
  return writtenLanguage(
    turns
      .filter((t) => t.from === "customer")
      .map((t) => t.text)
      .reverse(),
  );
}

/**
 * The agent's draft rewritten: translated into the customer's language, or made friendlier. A
 * rewrite that lost or changed a number or link is refused, so the draft stays as it was.
 */
export async function rewriteDraft(
  deps: HelpDeps,
  scope: Scope,
  input: { draft: string; how: "translate" | "friendlier" },
): Promise<ActionResult<{ text: string; language: string | null }>> {
  const { settings, providers } = await helpProviders(deps, scope.workspaceId);
  if (providers.length === 0) return NO_AI;
  const turns = await listHelpTurns(deps.db, { ...scope, limit: HELP_TURNS });
  if (!turns) return NOT_FOUND;
  let language: string | null = null;
  let messages: ChatCompletionMessageParam[];
  if (input.how === "translate") {
    const code = customerLanguage(turns);
    if (!code) {
      return refused(
        "no_language",
        "The customer's messages are too short to tell their language. Your draft is unchanged.",
      );
    }
    language = englishName(code);
    messages = translateDraftMessages(input.draft, language);
  } else {
    messages = friendlierMessages(input.draft, settings.tone);
  }
  // Room for a translation a half longer, within WhatsApp's limit for one message.
  const maxLength = Math.min(Math.ceil(input.draft.length * 1.5) + 80, MAX_TEXT);
  try {
    const reply = await askForAgent(deps, scope, input.how, providers, messages, maxLength);
    const text = readRewrite(reply.text);
    if (!text || !keepsFacts(input.draft, text)) {
      return refused(
        "changed_facts",
        "The AI's version changed a number or link, so your draft was kept as you wrote it.",
      );
    }
    return { ok: true, data: { text, language } };
  } catch (error) {
    return unavailable(error);
  }
}
