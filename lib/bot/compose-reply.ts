import { type BotSettingsRow, getBotSettings } from "@/db/queries/bot-settings";
import { listActiveFaqs, recordFaqHit } from "@/db/queries/faqs";
import type { UsedPassage } from "@/db/schema";
import { embeddingSpace } from "@/lib/ai/embeddings";
import {
  type AiReply,
  generateAiReply,
  isAiUnavailable,
  readFaqTag,
  type Turn,
} from "@/lib/ai/reply";
import { deliverApprovedAnswer, keepsFacts } from "@/lib/ai/translate";
import { seesImages } from "@/lib/ai/vision";
import { passagesForQuestion, type RetrievedPassage } from "@/lib/knowledge/retrieve";
import { log } from "@/lib/log";
import { productReply } from "@/lib/products/product-reply";
import type { ReplyDeps } from "./deps";
import { detectLanguage } from "./detect-language";
import { getFaqIndex } from "./faq-cache";
import {
  answerThreshold,
  DEFAULT_THRESHOLD,
  type FaqIndex,
  type FaqMatch,
  type MatchableFaq,
} from "./faq-match";
import type { Language } from "./languages";
import { entriesForModel, type RetrievalSignal } from "./semantic";
import { systemMessage } from "./system-messages";
import { boundText, DEFAULT_INPUT_CHARS } from "./text";
import { workspaceProviders } from "./workspace-providers";

/** What composing needs: no Graph client, so nothing composed here can reach WhatsApp. */
export type ComposeDeps = Pick<ReplyDeps, "db" | "keyring" | "ai" | "inputChars" | "wholeFaqMax">;

export type Composed = {
  text: string;
  source: "faq" | "ai" | "system";
  kind: "answer" | "fallback";
  faqId: string | null;
  score: number | null;
  ai: Omit<AiReply, "text" | "failures"> | null;
  aiFailures: string[];
  /** A WhatsApp interactive message (products from the catalog) sent instead of plain text. */
  interactive?: Record<string, unknown> | null;
  /** The knowledge passages behind an AI answer (what the model was shown); null otherwise. */
  knowledge: UsedPassage[] | null;
};

export type ComposeInput = {
  workspaceId: string;
  workspaceName: string;
  question: string;
  /** The customer's language, as the decision found it: the fallback message is sent in it. */
  language: Language;
  /** The conversation before the question, read only when the AI is asked. */
  history: () => Promise<Turn[]>;
  /** Counts the match on the FAQ here; "Try it" leaves the counts alone. */
  recordHit: boolean;
  /** The FAQ's fingerprint read moments ago, when the caller has it (saves reading it again). */
  faqVersion?: string | null;
  /** The workspace's settings read moments ago, when the caller has them. */
  settings?: BotSettingsRow;
  /** A photo the customer sent with the question (its caption), shown to a model that sees it. */
  image?: { dataUrl: string };
};

/** The answer and how it was found, for the reply job and for "Try it" alike. */
export type ComposedReply = Composed & {
  threshold: number;
  faqQuestion: string | null;
  /** The FAQ entries closest to an unmatched question (the AI's grounding), best first. */
  related: { id: string; question: string; score: number }[];
  /** Why the AI was not asked: the workspace turned it off, or no provider is configured. */
  aiSkipped: "disabled" | "no_provider" | null;
  /**
   * How an FAQ answer was chosen: it matched outright, or the model picked it from the entries
   * it was shown. Null for other answers.
   */
  faqVia: "match" | "model" | null;
  /** Whether an FAQ answer went out translated into the customer's language. */
  translated: boolean;
  /**
   * Why an FAQ answer went as written to a customer writing in another language than the FAQ's:
   * no AI provider, AI answers off, every provider failed, or the model's translation was not
   * sent (it changed a number or link, or the model found the languages the same).
   */
  untranslated: "no_provider" | "disabled" | "failed" | "kept" | null;
  /** The entries the model was shown, and how they were found; null when it was not asked. */
  shown: { ids: string[]; signal: RetrievalSignal } | null;
};

const catchUps = new Map<string, number>();
const CATCH_UP_EVERY_MS = 10 * 60_000;

/** Queues embedding the workspace's FAQ, at most every few minutes per workspace and process. */
function catchUpEmbeddings(deps: ComposeDeps, workspaceId: string) {
  const last = catchUps.get(workspaceId) ?? 0;
  if (Date.now() - last < CATCH_UP_EVERY_MS) return;
  catchUps.set(workspaceId, Date.now());
  // Loaded when needed: the dispatcher imports the reply job, which imports this module.
  import("@/inngest/dispatch")
    .then((jobs) => jobs.requestFaqEmbedding(deps.db, workspaceId))
    .catch((err: unknown) => log.error({ workspaceId, err }, "Could not queue embedding the FAQ"));
}

const EXCERPT_CHARS = 280;

/** What an answer keeps of a passage it was grounded in: enough to show, not the whole text. */
function usedPassage(p: RetrievedPassage): UsedPassage {
  return {
    passageId: p.id,
    sourceId: p.sourceId,
    title: p.title,
    heading: p.heading,
    pageUrl: p.pageUrl,
    excerpt: p.text.length > EXCERPT_CHARS ? `${p.text.slice(0, EXCERPT_CHARS - 1)}…` : p.text,
  };
}

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
  threshold = DEFAULT_THRESHOLD,
): { seen: string; match: FaqMatch<F> | null; grounding: FaqMatch<F>[] } {
  const seen = boundText(question, inputChars);
  const { match, related } = index.lookup(seen, threshold);
  return { seen, match, grounding: related };
}

/**
 * The answer: the best FAQ match (in the customer's language when the AI can translate it), else
 * the AI shown the FAQ (all of a small one, the closest entries of a large one), which either
 * passes on one entry's approved answer or answers itself, else the fallback.
 */
export async function composeReply(deps: ComposeDeps, input: ComposeInput): Promise<ComposedReply> {
  const settings = input.settings ?? (await getBotSettings(deps.db, input.workspaceId));
  const inputChars = deps.inputChars ?? DEFAULT_INPUT_CHARS;
  const index = await getFaqIndex(deps.db, input.workspaceId, inputChars, input.faqVersion);
  const allProviders = settings.aiEnabled ? workspaceProviders(deps, settings) : [];
  const threshold = answerThreshold(allProviders.length > 0);
  const read = readQuestion(index, input.question, inputChars, threshold);
  const { seen, grounding } = read;
  // A photo is answered by a model that sees it, the FAQ its grounding: a caption's FAQ match
  // could answer something the photo shows otherwise.
  const match = input.image ? null : read.match;
  const providers = input.image ? allProviders.filter(seesImages) : allProviders;
  const timeout = deps.ai.timeoutMs ? { timeoutMs: deps.ai.timeoutMs } : {};
  const found: Omit<ComposedReply, "text" | "source" | "kind"> = {
    threshold,
    faqQuestion: null,
    related: [],
    aiSkipped: null,
    faqId: null,
    score: null,
    ai: null,
    aiFailures: [],
    faqVia: null,
    translated: false,
    untranslated: null,
    shown: null,
    knowledge: null,
  };
  const recordHit = async (faqId: string) => {
    if (input.recordHit) await recordFaqHit(deps.db, { workspaceId: input.workspaceId, faqId });
  };
  if (match) {
    await recordHit(match.faq.id);
    const answered = {
      ...found,
      source: "faq" as const,
      kind: "answer" as const,
      faqId: match.faq.id,
      faqQuestion: match.faq.question,
      score: round(match.score),
      faqVia: "match" as const,
    };
    // The FAQ is written in the workspace's default language: a customer detected writing in it
    // gets the approved answer as is, with no model call. An undetected language asks the model.
    const sameLanguage = detectLanguage(seen) === settings.defaultLanguage;
    const otherLanguage = !sameLanguage && input.language !== settings.defaultLanguage;
    if (providers.length === 0 || sameLanguage) {
      const why = settings.aiEnabled ? "no_provider" : "disabled";
      return { ...answered, text: match.faq.answer, untranslated: otherLanguage ? why : null };
    }
    const delivered = await deliverApprovedAnswer(providers, {
      question: seen,
      answer: match.faq.answer,
      ...timeout,
    });
    const kept = delivered.ai === null ? "failed" : "kept";
    return {
      ...answered,
      ...delivered,
      untranslated: otherLanguage && !delivered.translated ? kept : null,
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
    shown: ComposedReply["shown"] = null,
  ): ComposedReply => ({
    ...unmatched,
    text: systemMessage(settings, "fallback", input.language),
    source: "system",
    kind: "fallback",
    aiFailures,
    aiSkipped,
    shown,
  });
  // The business's products: a product message when the customer asks to see them, a short
  // factual answer for a named product when no AI will answer, else facts for the AI.
  const aiActive = settings.aiEnabled && providers.length > 0;
  const product = await productReply(deps.db, {
    workspaceId: input.workspaceId,
    businessName: input.workspaceName,
    question: seen,
  });
  if (product?.message) {
    const { text, interactive } = product.message;
    return { ...unmatched, text, interactive, source: "system", kind: "answer" };
  }
  if (product?.answer && !aiActive) {
    return { ...unmatched, text: product.answer, source: "system", kind: "answer" };
  }
  if (!settings.aiEnabled) return fallback([], "disabled");
  if (providers.length === 0) return fallback([], "no_provider");
  // A photo that could not be fetched, sent without a caption, leaves nothing to answer.
  if (seen.trim() === "" && !input.image) return fallback([]);
  const faqs = await listActiveFaqs(deps.db, input.workspaceId);
  const lexical = new Map(index.related(seen, 12, 0).map((m) => [m.faq.id, m.score]));
  const { entries, signal, unembedded } = await entriesForModel(deps, {
    workspaceId: input.workspaceId,
    faqs,
    lexical,
    question: seen,
    space: embeddingSpace(providers, deps.ai.embeddingModel),
    ...(deps.wholeFaqMax !== undefined && { wholeFaqMax: deps.wholeFaqMax }),
  });
  // Entries saved where no job saw them (the tenants import, a new embedding model): catch up.
  if (unembedded > 0) catchUpEmbeddings(deps, input.workspaceId);
  const shown = { ids: entries.map((f) => f.id), signal };
  const passages = await passagesForQuestion(
    { db: deps.db, ...(deps.ai.timeoutMs && { timeoutMs: deps.ai.timeoutMs }) },
    {
      workspaceId: input.workspaceId,
      question: seen,
      space: embeddingSpace(providers, deps.ai.embeddingModel),
    },
  );
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
      grounding: entries,
      faqScope: signal === "whole_faq" ? "whole" : "closest",
      ...(product?.facts.length && { productFacts: product.facts }),
      knowledge: passages,
      history,
      question: seen,
      ...(input.image && { image: input.image }),
      ...timeout,
    });
    const aiFailures = failures.map((f) => `${f.provider}: ${f.error}`);
    const tagged = readFaqTag(text, entries.length);
    const chosen = tagged.entry === null ? null : entries[tagged.entry];
    if (chosen) {
      await recordHit(chosen.id);
      // The model's rendering of the approved answer goes out only with every number and link.
      const faithful = tagged.text !== "" && keepsFacts(chosen.answer, tagged.text);
      return {
        ...unmatched,
        text: faithful ? tagged.text : chosen.answer,
        source: "faq",
        kind: "answer",
        faqId: chosen.id,
        faqQuestion: chosen.question,
        faqVia: "model",
        translated: faithful && tagged.text !== chosen.answer,
        ai,
        aiFailures,
        shown,
      };
    }
    return {
      ...unmatched,
      text,
      source: "ai",
      kind: "answer",
      ai,
      aiFailures,
      shown,
      knowledge: passages.length > 0 ? passages.map(usedPassage) : null,
    };
  } catch (error) {
    if (!isAiUnavailable(error)) throw error;
    return fallback(
      error.failures.map((f) => `${f.provider}: ${f.error}`),
      null,
      shown,
    );
  }
}
