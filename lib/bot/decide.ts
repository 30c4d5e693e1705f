import { awayNote, hasSchedule, isOpen } from "./business-hours";
import { findPhrase, normalize } from "./text";

// Whole-message commands, as carriers and Meta's marketing templates use them. Template
// quick-reply payloads such as STOP_PROMOTIONS normalise to the same words.
const OPT_OUT = new Set([
  "stop",
  "stop all",
  "stopall",
  "stop promotions",
  "stop promotion",
  "unsubscribe",
  "unsubscribe me",
  "opt out",
  "optout",
  "cancel subscription",
  "end",
  "quit",
]);
const OPT_IN = new Set(["start", "unstop", "subscribe", "opt in", "optin", "resume"]);

export const SYSTEM_TEXT = {
  optOut:
    "You're unsubscribed and won't get more automatic messages from us. Reply START to subscribe again.",
  optIn: "Welcome back! You're subscribed again.",
  handoff: "Thanks! A person from our team will reply here as soon as possible.",
  unsupported:
    "Sorry, I can only read text messages. Please type your question, or wait and a person will look at this.",
  rateLimited:
    "Thanks for your messages! We've passed on your conversation to our team, and a person will reply soon.",
  away: "Thanks for your message! We're closed right now.",
} as const;

export type HandoffReason =
  | "requested"
  | "reply_failed"
  | "rate_limited"
  | "window_closed"
  | "outside_hours"
  | "channel_unavailable"
  | "unanswered";

/** A message the bot sends before or instead of an answer; `claim` makes it once-only. */
export type Notice = {
  kind: "welcome" | "opt_out" | "opt_in" | "handoff" | "unsupported" | "rate_limit" | "away";
  text: string;
  claim?: { kind: "welcome" | "unsupported" | "rate_limit" | "away"; until?: string };
  /** Sent after the answer rather than before it. */
  afterAnswer?: true;
};

// Why the bot did what it did; "Try it" shows the same words.
export type DecisionReason =
  | "answer"
  | "reaction"
  | "not_a_message"
  | "channel_unavailable"
  | "opted_out"
  | "opt_out"
  | "opt_in"
  | "bot_disabled"
  | "human_mode"
  | "window_closed"
  | "handoff_requested"
  | "outside_hours"
  | "rate_limited"
  | "unsupported"
  | "unreachable";

export type Decision = {
  reason: DecisionReason;
  /** Answer the question from the FAQ, AI or the fallback message. */
  answer: boolean;
  question: string | null;
  notices: Notice[];
  optOut?: boolean;
  handoff?: { reason: HandoffReason; notify: boolean };
  /** The hand-off when the answer turns out to be the fallback message (default: "unanswered"). */
  unanswered?: { reason: HandoffReason; notify: boolean };
};

export type DecisionInput = {
  now: Date;
  message: {
    type: string;
    text: string | null;
    /** A template quick-reply's payload. */
    buttonPayload: string | null;
    hasCaption: boolean;
  };
  conversation: {
    status: "bot" | "human" | "closed";
    lastInboundAt: Date | null;
    awayNoticeUntil: Date | null;
    unsupportedNoticeAt: Date | null;
    rateLimitNoticeAt: Date | null;
  };
  /** `reachable`: the contact has a phone number to write to, not only a business-scoped id. */
  contact: { optedOut: boolean; welcomedAt: Date | null; reachable: boolean };
  channel: { status: string };
  settings: {
    enabled: boolean;
    welcomeMessage: string | null;
    timezone: string;
    businessHours: Record<string, string[]> | null;
    awayMessage: string | null;
    /** Outside hours: answer what the bot can and add the away note, or only say it's closed. */
    outsideHours: "answer" | "closed_only";
    handoffKeywords: string[];
    maxMessagesPerHour: number;
    maxMessagesPerUserPerDay: number;
  };
  counts: {
    /** Bot answers (FAQ and AI) in the workspace during the last hour. */
    workspaceAnswersLastHour: number;
    /** Messages from this contact during the last 24 hours, this one included. */
    contactMessagesLastDay: number;
  };
};

/**
 * The checks `decide` makes, in its order; `trace` hears each one a message passes, so "Try it"
 * can tell the owner what was checked before the decision, in the decision's own order.
 */
export type DecisionCheck =
  | "message"
  | "channel"
  | "command"
  | "not_opted_out"
  | "enabled"
  | "bot_mode"
  | "window"
  | "no_handoff_keyword"
  | "open"
  | "within_limits"
  | "readable";

type Trace = (passed: DecisionCheck) => void;

const DAY_MS = 24 * 60 * 60 * 1000;
// Types the bot answers from their text; media is read by its caption.
const TEXT_TYPES = new Set(["text", "interactive", "button"]);
const MEDIA_TYPES = new Set(["image", "video", "document"]);
// Changes to earlier messages and service notes, not questions.
const NOT_A_MESSAGE = new Set(["system", "edit", "revoke", "ephemeral", "request_welcome"]);

const skip = (reason: DecisionReason, extra: Partial<Decision> = {}): Decision => ({
  reason,
  answer: false,
  question: null,
  notices: [],
  ...extra,
});

/** What the bot does with one inbound message, before any FAQ lookup or AI call. */
export function decide(input: DecisionInput, trace: Trace = () => {}): Decision {
  const decision = decideForReachable(input, trace);
  if (input.contact.reachable || (!decision.answer && decision.notices.length === 0)) {
    return decision;
  }
  // Nothing can be sent to a customer known only by a business-scoped id: a person looks.
  return {
    ...decision,
    reason: "unreachable",
    answer: false,
    question: null,
    notices: [],
    handoff: { reason: "reply_failed", notify: true },
  };
}

function decideForReachable(input: DecisionInput, trace: Trace): Decision {
  const { now, message, conversation, contact, settings } = input;
  if (message.type === "reaction") return skip("reaction");
  if (NOT_A_MESSAGE.has(message.type)) return skip("not_a_message");
  trace("message");

  const command = normalize(message.buttonPayload ?? message.text ?? "");
  const readable =
    TEXT_TYPES.has(message.type) || (MEDIA_TYPES.has(message.type) && message.hasCaption);
  const question = readable ? (message.text?.trim() ?? "") : "";

  if (input.channel.status !== "connected") {
    return skip("channel_unavailable", {
      handoff: { reason: "channel_unavailable", notify: true },
    });
  }
  trace("channel");
  // Opting out and back in works whatever else is set: it is the customer's right.
  if (readable && OPT_OUT.has(command)) {
    return contact.optedOut
      ? skip("opted_out")
      : skip("opt_out", { optOut: true, notices: [{ kind: "opt_out", text: SYSTEM_TEXT.optOut }] });
  }
  if (readable && contact.optedOut && OPT_IN.has(command)) {
    return skip("opt_in", {
      optOut: false,
      notices: [{ kind: "opt_in", text: SYSTEM_TEXT.optIn }],
    });
  }
  trace("command");
  if (contact.optedOut) return skip("opted_out");
  trace("not_opted_out");
  if (!settings.enabled) return skip("bot_disabled");
  trace("enabled");
  if (conversation.status === "human") return skip("human_mode");
  trace("bot_mode");

  // Free text is only delivered within 24 hours of the customer's last message.
  const lastInbound = conversation.lastInboundAt?.getTime() ?? 0;
  if (now.getTime() - lastInbound > DAY_MS) {
    return skip("window_closed", { handoff: { reason: "window_closed", notify: true } });
  }
  trace("window");

  if (readable && findPhrase(question, settings.handoffKeywords) !== undefined) {
    return skip("handoff_requested", {
      notices: [{ kind: "handoff", text: SYSTEM_TEXT.handoff }],
      handoff: { reason: "requested", notify: true },
    });
  }
  trace("no_handoff_keyword");

  // Outside business hours the customer hears once per closed period when a person is back.
  let away: Notice[] = [];
  let closed = false;
  if (
    hasSchedule(settings.businessHours) &&
    !isOpen(settings.businessHours, settings.timezone, now)
  ) {
    closed = true;
    const note = awayNote(
      settings.awayMessage?.trim() || SYSTEM_TEXT.away,
      settings.businessHours,
      settings.timezone,
      now,
    );
    const alreadyTold =
      conversation.awayNoticeUntil !== null &&
      conversation.awayNoticeUntil.getTime() > now.getTime();
    const until = (note.opening ?? new Date(now.getTime() + DAY_MS)).toISOString();
    away = alreadyTold ? [] : [{ kind: "away", text: note.text, claim: { kind: "away", until } }];
    if (settings.outsideHours === "closed_only") {
      return skip("outside_hours", {
        notices: away,
        handoff: { reason: "outside_hours", notify: false },
      });
    }
  }
  trace("open");

  const overContact = input.counts.contactMessagesLastDay > settings.maxMessagesPerUserPerDay;
  const overWorkspace = input.counts.workspaceAnswersLastHour >= settings.maxMessagesPerHour;
  if (overContact || overWorkspace) {
    const noticed =
      conversation.rateLimitNoticeAt !== null &&
      now.getTime() - conversation.rateLimitNoticeAt.getTime() < DAY_MS;
    return skip("rate_limited", {
      notices: noticed
        ? []
        : [{ kind: "rate_limit", text: SYSTEM_TEXT.rateLimited, claim: { kind: "rate_limit" } }],
      handoff: { reason: "rate_limited", notify: !noticed },
    });
  }
  trace("within_limits");

  if (!readable || question === "") {
    const noticed =
      conversation.unsupportedNoticeAt !== null &&
      now.getTime() - conversation.unsupportedNoticeAt.getTime() < DAY_MS;
    // The note promises that a person will look, so the conversation is flagged for one.
    return skip("unsupported", {
      notices: noticed
        ? []
        : [{ kind: "unsupported", text: SYSTEM_TEXT.unsupported, claim: { kind: "unsupported" } }],
      handoff: { reason: "unanswered", notify: true },
    });
  }
  trace("readable");

  const welcome = settings.welcomeMessage?.trim();
  return {
    reason: "answer",
    answer: true,
    question,
    notices: [
      ...(welcome && contact.welcomedAt === null
        ? [{ kind: "welcome", text: welcome, claim: { kind: "welcome" } } satisfies Notice]
        : []),
      ...away.map((n): Notice => ({ ...n, afterAnswer: true })),
    ],
    // What the bot cannot answer while closed waits for the team, without waking anyone.
    ...(closed && { unanswered: { reason: "outside_hours", notify: false } }),
  };
}
