import * as q from "@/db/queries/replies";
import { providerChain } from "@/lib/ai/providers";
import { type AiReply, generateAiReply, isAiUnavailable, type Turn } from "@/lib/ai/reply";
import { decryptSecret } from "@/lib/crypto/secrets";
import type { ReplyDeps } from "./deps";
import { getFaqIndex } from "./faq-cache";
import { DEFAULT_THRESHOLD, type FaqIndex, type FaqMatch, type MatchableFaq } from "./faq-match";
import type { Language } from "./languages";
import { systemMessage } from "./system-messages";
import { boundText, DEFAULT_INPUT_CHARS } from "./text";

/** What composing needs: no Graph client, so nothing composed here can reach WhatsApp. */
export type ComposeDeps = Pick<ReplyDeps, "db" | "keyring" | "ai" | "inputChars">;

export type Composed = {
  text: string;
  source: "faq" | "ai" | "system";
  kind: "answer" | "fallback";
  faqId: string | null;
  score: number | null;
  ai: Omit<AiReply, "text" | "failures"> | null;
  aiFailures: string[];
};

export type ComposeInput = {
  workspaceId: string;
  workspaceName: string;
  question: string;
  /** The customer's language, as the decision found it: the fallback message is sent in it. */
  language: Language;
  /** The conversation before the question, read only when the AI is asked. */
  history: () => Promise<Turn[]>;
  /** Counts the match on the FAQ (the real pipeline); "Try it" leaves the counts alone. */
  recordHit: boolean;
};

/** The answer and how it was found, for the reply job and for "Try it" alike. */
export type ComposedReply = Composed & {
  threshold: number;
  faqQuestion: string | null;
  /** The FAQ entries closest to an unmatched question (the AI's grounding), best first. */
  related: { id: string; question: string; score: number }[];
  /** Why the AI was not asked: the workspace turned it off, or no provider is configured. */
  aiSkipped: "disabled" | "no_provider" | null;
};

type Settings = q.BotSettingsRow;

const round = (score: number) => Math.round(score * 1000) / 1000;

/**
 * What the FAQ matcher and the AI read of a customer's message: its first `inputChars`
 * characters (the message itself stays whole in the inbox), the best FAQ match, and when there is
 * none the closest entries to ground the AI's answer. The cost does not grow with the message.
 */
export function readQuestion<F extends MatchableFaq>(
  index: FaqIndex<F>,
  question: string,
  inputChars: number,
): { seen: string; match: FaqMatch<F> | null; grounding: FaqMatch<F>[] } {
  const seen = boundText(question, inputChars);
  const { match, related } = index.lookup(seen, DEFAULT_THRESHOLD);
  return { seen, match, grounding: related };
}

/** The AI providers this workspace's answers go through, its own first; empty when none. */
export function workspaceProviders(deps: Pick<ComposeDeps, "ai" | "keyring">, settings: Settings) {
  return providerChain(deps.ai, {
    provider: settings.aiProvider,
    model: settings.aiModel,
    baseURL: settings.aiBaseUrl,
    apiKey: settings.aiApiKeyEncrypted
      ? decryptSecret(
          settings.aiApiKeyEncrypted,
          deps.keyring,
          "bot_settings.ai_api_key",
          settings.workspaceId,
        )
      : null,
  });
}

/** The answer: the best FAQ match, else the AI through the provider chain, else the fallback. */
export async function composeReply(deps: ComposeDeps, input: ComposeInput): Promise<ComposedReply> {
  const settings = await q.getBotSettings(deps.db, input.workspaceId);
  const inputChars = deps.inputChars ?? DEFAULT_INPUT_CHARS;
  const index = await getFaqIndex(deps.db, input.workspaceId, inputChars);
  const { seen, match, grounding } = readQuestion(index, input.question, inputChars);
  const found: Omit<ComposedReply, "text" | "source" | "kind"> = {
    threshold: DEFAULT_THRESHOLD,
    faqQuestion: null,
    related: [],
    aiSkipped: null,
    faqId: null,
    score: null,
    ai: null,
    aiFailures: [],
  };
  if (match) {
    if (input.recordHit) {
      await q.recordFaqHit(deps.db, { workspaceId: input.workspaceId, faqId: match.faq.id });
    }
    return {
      ...found,
      text: match.faq.answer,
      source: "faq",
      kind: "answer",
      faqId: match.faq.id,
      faqQuestion: match.faq.question,
      score: round(match.score),
    };
  }
  const unmatched = {
    ...found,
    related: grounding.map((m) => ({
      id: m.faq.id,
      question: m.faq.question,
      score: round(m.score),
    })),
  };
  const fallback = (
    aiFailures: string[],
    aiSkipped: ComposedReply["aiSkipped"] = null,
  ): ComposedReply => ({
    ...unmatched,
    text: systemMessage(settings, "fallback", input.language),
    source: "system",
    kind: "fallback",
    aiFailures,
    aiSkipped,
  });
  if (!settings.aiEnabled) return fallback([], "disabled");
  const providers = workspaceProviders(deps, settings);
  if (providers.length === 0) return fallback([], "no_provider");
  // Earlier turns are read as the question is: a long one costs no more than its start.
  const history = (await input.history()).map((t) => ({
    ...t,
    text: boundText(t.text, inputChars),
  }));
  try {
    const { text, failures, ...ai } = await generateAiReply({
      providers,
      businessName: input.workspaceName,
      systemPrompt: settings.systemPrompt,
      tone: settings.tone,
      maxLength: settings.maxReplyLength,
      grounding: grounding.map((m) => m.faq),
      history,
      question: seen,
      ...(deps.ai.timeoutMs && { timeoutMs: deps.ai.timeoutMs }),
    });
    return {
      ...unmatched,
      text,
      source: "ai",
      kind: "answer",
      ai,
      aiFailures: failures.map((f) => `${f.provider}: ${f.error}`),
    };
  } catch (error) {
    if (!isAiUnavailable(error)) throw error;
    return fallback(error.failures.map((f) => `${f.provider}: ${f.error}`));
  }
}
