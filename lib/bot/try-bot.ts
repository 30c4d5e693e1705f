import type { Database } from "@/db";
import { getBotSettings } from "@/db/queries/bot-settings";
import { listWorkspaceChannels } from "@/db/queries/channels";
import { listFaqs } from "@/db/queries/faqs";
import { countRecentActivity } from "@/db/queries/replies";
import type { UsedPassage } from "@/db/schema";
import { type ComposeDeps, type ComposedReply, composeReply } from "./compose-reply";
import { type DecisionCheck, type DecisionInput, decide, type Notice } from "./decide";
import { detectLanguage } from "./detect-language";
import {
  channelRule,
  describeCheck,
  describeComposed,
  explainStop,
  type Facts,
  type Rule,
} from "./explain-decision";
import { answerThreshold } from "./faq-match";
import { englishName, LANGUAGES, type Language } from "./languages";
import { localizeNotice } from "./localize-notice";
import { type TryCandidate, tryCandidates } from "./try-candidates";
import { aiAnswers } from "./workspace-providers";

export type TryAs = "new" | "returning" | "opted_out";

export type TryInput = {
  workspaceId: string;
  workspaceName: string;
  question: string;
  as: TryAs;
  at?: Date;
  /** A photo is read by its caption, the question; without one the bot cannot read it. */
  messageType?: "text" | "image";
};

/** What "Try it" shows: what the customer would get, and why. JSON, for a server action. */
export type TryView = {
  /** "small_talk": a greeting, thanks or goodbye, which gets a short reply or none, no FAQ. */
  outcome: "faq" | "ai" | "fallback" | "stopped" | "notice" | "small_talk";
  /** The reasons in plain words, in the order the decision took them. */
  steps: string[];
  /** Each message the customer would receive, in order (the welcome first for a new customer). */
  replies: { kind: string; text: string }[];
  /** The replies as one text, null when nothing would be sent. */
  text: string | null;
  /** The FAQ entry answered: matched at a score (0 to 1), or picked by the AI (score null). */
  faq?: { id: string; question: string; score: number | null; threshold: number };
  ai?: {
    model: string;
    provider: string;
    promptTokens: number;
    completionTokens: number;
    costMicros: number | null;
    latencyMs: number;
  };
  rule?: Rule;
  /** The knowledge passages the AI's answer was grounded in (source title, page, excerpt). */
  knowledge?: UsedPassage[];
  /** The closest FAQ entries when none matched, best first. */
  near?: { id: string; question: string; score: number }[];
  /**
   * The FAQ entries the question came closest to, best first, with the signals that brought each
   * close; absent when the bot stopped before reading the question.
   */
  candidates?: TryCandidate[];
  /** The language the message was read in: detected from it, or the workspace's default. */
  language: { code: Language; name: string; detected: boolean };
  /** The confidence (0 to 1) an FAQ entry needs to answer by itself. */
  threshold: number;
  /** Whether the AI answers what no entry is sure enough for. */
  aiAnswers: boolean;
  /** The entry that has the question as its own question or one of its other wordings. */
  wordingOf?: { id: string; question: string; active: boolean };
};

// The simulated customer has no conversation yet; counting against an id no row has gives the
// workspace's real hourly answers and no earlier messages from this customer.
const NO_CONVERSATION = "00000000-0000-0000-0000-000000000000";
const DAY_MS = 24 * 60 * 60 * 1000;

/** The state of the number the bot would answer on, as `planReply` reads it. */
async function channelStatus(db: Database, workspaceId: string): Promise<string> {
  const channels = await listWorkspaceChannels(db, workspaceId);
  if (channels.some((c) => c.status === "connected" && c.hasAccessToken)) return "connected";
  const best = channels.find((c) => c.status !== "disconnected") ?? channels[0];
  if (!best) return "none";
  return best.status === "connected" ? "no_token" : best.status;
}

async function decisionInput(deps: ComposeDeps, t: TryInput): Promise<DecisionInput> {
  const now = t.at ?? new Date();
  const settings = await getBotSettings(deps.db, t.workspaceId);
  const counts = await countRecentActivity(deps.db, {
    workspaceId: t.workspaceId,
    conversationId: NO_CONVERSATION,
    now,
  });
  const type = t.messageType ?? "text";
  return {
    now,
    message: {
      type,
      text: t.question,
      buttonPayload: null,
      hasCaption: type === "image" && t.question.trim() !== "",
    },
    // A customer writing now, in a conversation the bot has, told nothing yet today.
    conversation: {
      status: "bot",
      lastInboundAt: now,
      awayNoticeUntil: null,
      unsupportedNoticeAt: null,
      rateLimitNoticeAt: null,
    },
    contact: {
      optedOut: t.as === "opted_out",
      welcomedAt: t.as === "new" ? null : new Date(now.getTime() - 30 * DAY_MS),
      reachable: true,
    },
    channel: { status: await channelStatus(deps.db, t.workspaceId) },
    settings: {
      ...settings,
      aiActive: aiAnswers(deps, settings),
    },
    // This message is the customer's first today.
    counts: {
      workspaceAnswersLastHour: counts.workspaceAnswersLastHour,
      contactMessagesLastDay: 1,
    },
  };
}

function traced(input: DecisionInput) {
  const checks: DecisionCheck[] = [];
  const decision = decide(input, (c) => checks.push(c));
  return { decision, checks };
}

/**
 * What the bot would do with a customer's question, and why: the real decision and the real
 * answer (FAQ, AI or fallback), for a simulated customer. Nothing is sent and nothing is written;
 * the deps have no Graph client, and FAQ hits are not counted.
 */
export async function tryBot(deps: ComposeDeps, t: TryInput): Promise<TryView> {
  const input = await decisionInput(deps, t);
  const facts: Facts = { input, channelStatus: input.channel.status };
  let { decision, checks } = traced(input);
  // Without a usable number nothing is sent; the owner still sees what the answer would be.
  const offline =
    decision.reason === "channel_unavailable" ? channelRule(facts.channelStatus) : null;
  if (offline) ({ decision, checks } = traced({ ...input, channel: { status: "connected" } }));

  const steps = checks.map((c) =>
    c === "channel" && offline ? offline.step : describeCheck(c, facts),
  );
  // What the customer would read: the owner's wording translated as the reply job would.
  const toReply = async (n: Notice) => ({
    kind: n.kind,
    text: await localizeNotice(deps, t.workspaceId, n),
  });
  const replies: TryView["replies"] = await Promise.all(
    decision.notices.filter((n) => !n.afterAnswer).map(toReply),
  );
  const language = {
    code: decision.language,
    name: LANGUAGES[decision.language],
    detected:
      decision.language !== input.settings.defaultLanguage ||
      detectLanguage(t.question) === decision.language,
  };
  const view = (
    v: Omit<TryView, "steps" | "replies" | "text" | "language" | "threshold" | "aiAnswers">,
  ): TryView => ({
    ...v,
    language,
    threshold: answerThreshold(input.settings.aiActive),
    aiAnswers: input.settings.aiActive,
    steps,
    replies,
    text: replies.length > 0 ? replies.map((r) => r.text).join("\n\n") : null,
  });

  if (!decision.answer || !decision.question) {
    const { step, ...rule } = explainStop(decision.reason, facts);
    steps.push(step);
    if (decision.reason === "small_talk") return view({ outcome: "small_talk", rule });
    return view({ outcome: replies.length > 0 ? "notice" : "stopped", rule });
  }

  steps.push(`Written in ${LANGUAGES[decision.language]}: the bot's own messages use it.`);
  const welcome = decision.notices.find((n) => n.kind === "welcome");
  if (welcome?.translate) {
    const into = englishName(welcome.translate.language);
    const sent = replies.find((r) => r.kind === "welcome")?.text;
    steps.push(
      sent !== welcome.text
        ? `A new customer: your welcome message goes first, translated into ${into} by the AI.`
        : `A new customer: your welcome message goes first, as you wrote it (you have no ${into} wording, and the AI did not translate it).`,
    );
  } else if (welcome) {
    steps.push("A new customer: your welcome message goes first.");
  } else if (t.as === "new") {
    steps.push("A new customer, but no welcome message is set, so only the answer is sent.");
  }
  const composed: ComposedReply = await composeReply(deps, {
    workspaceId: t.workspaceId,
    workspaceName: t.workspaceName,
    question: decision.question,
    language: decision.language,
    history: async () => [],
    recordHit: false,
  });
  steps.push(...describeComposed(composed, decision.language));
  const candidates = await tryCandidates(deps, t.workspaceId, decision.question);
  replies.push({ kind: composed.kind, text: composed.text });
  const after = decision.notices.filter((n) => n.afterAnswer);
  replies.push(...(await Promise.all(after.map(toReply))));
  if (after.some((n) => n.kind === "away")) {
    steps.push(
      "You're closed now: your away note, with when a person is back, follows the answer. It's sent once until you open.",
    );
  }
  const rule = offline
    ? { rule: { reason: offline.reason, explanation: offline.explanation } }
    : {};
  if (composed.source === "faq" && composed.faqId && composed.faqQuestion !== null) {
    return view({
      outcome: "faq",
      faq: {
        id: composed.faqId,
        question: composed.faqQuestion,
        score: composed.faqVia === "model" ? null : composed.score,
        threshold: composed.threshold,
      },
      candidates,
      ...rule,
    });
  }
  const wordingOf = await entryWithWording(deps, t.workspaceId, decision.question);
  return view({
    outcome: composed.kind === "fallback" ? "fallback" : "ai",
    ...(composed.ai && { ai: composed.ai }),
    ...(composed.knowledge && { knowledge: composed.knowledge }),
    near: composed.related,
    candidates,
    ...(wordingOf && { wordingOf }),
    ...rule,
  });
}

// Case, spacing and the closing punctuation of a question do not make it another wording.
const asWording = (text: string) =>
  text
    .replace(/\s+/g, " ")
    .replace(/[\s?!.¿¡؟]+$/u, "")
    .trim()
    .toLowerCase();

/** The FAQ entry (on or off) that already has this question as one of its wordings. */
async function entryWithWording(deps: ComposeDeps, workspaceId: string, question: string) {
  const wording = asWording(question);
  const entries = await listFaqs(deps.db, { workspaceId });
  const entry = entries.find((f) =>
    [f.question, ...f.examples].some((w) => asWording(w) === wording),
  );
  return entry ? { id: entry.id, question: entry.question, active: entry.active } : null;
}
