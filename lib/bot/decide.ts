import { awayNote, hasSchedule, isOpen } from "./business-hours";
import { readCommand } from "./commands";
import { detectLanguage } from "./detect-language";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./languages";
import { readSmallTalk, type SmallTalk } from "./small-talk";
import {
  DEFAULT_SYSTEM_MESSAGES,
  type SystemMessageKind,
  type SystemMessageOverrides,
  systemMessage,
  untranslatedOwnerText,
} from "./system-messages";
import { findPhrase } from "./text";

/** Parley's English wording of its own messages; every language's is in system-messages.ts. */
export const SYSTEM_TEXT = DEFAULT_SYSTEM_MESSAGES.en;

export type HandoffReason =
  | "requested"
  | "reply_failed"
  | "rate_limited"
  | "window_closed"
  | "outside_hours"
  | "channel_unavailable"
  | "unanswered"
  | "order";

/** A message the bot sends before or instead of an answer; `claim` makes it once-only. */
export type Notice = {
  kind:
    | "welcome"
    | "opt_out"
    | "opt_in"
    | "handoff"
    | "unsupported"
    | "rate_limit"
    | "away"
    | "small_talk"
    | "rating_thanks";
  text: string;
  claim?: { kind: "welcome" | "unsupported" | "rate_limit" | "away"; until?: string };
  /** Sent after the answer rather than before it. */
  afterAnswer?: true;
  /**
   * The owner's own wording in the text, written for another language than the customer's: with
   * the AI on, each is translated into `language` before the notice goes.
   */
  translate?: { language: Language; texts: string[] };
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
  | "small_talk"
  | "order"
  | "rating"
  | "unreachable";

export type Decision = {
  reason: DecisionReason;
  /** Answer the question from the FAQ, AI or the fallback message. */
  answer: boolean;
  question: string | null;
  notices: Notice[];
  optOut?: boolean;
  handoff?: { reason: HandoffReason; notify: boolean };
  /** The language the customer wrote in (or the workspace's default): replies use it. */
  language: Language;
  /** Set when the message is conversation rather than a question ("hi", "thanks", "👍"). */
  smallTalk?: SmallTalk["kind"];
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
    /**
     * The bot reads the message's file itself: a photo its model will see, or a voice note's or
     * document's text, read into `text`.
     */
    fileRead?: boolean;
    /**
     * A tap on a rating request's buttons: "first" when it is the rating recorded, "repeat" when
     * the request was rated already (or is not this conversation's).
     */
    rating?: "first" | "repeat";
    /** The language of the buttons the customer tapped: the thanks speaks it. */
    ratingLanguage?: Language | null;
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
    fallbackMessage: string | null;
    defaultLanguage: string;
    systemMessages: SystemMessageOverrides | null;
    /** Tell a new customer they are talking to an automated assistant, when AI answers. */
    aiDisclosure: boolean;
    /** AI answers are on and a provider is configured. */
    aiActive: boolean;
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
  | "not_small_talk"
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

type Skip = (reason: DecisionReason, extra?: Partial<Decision>) => Decision;

const skipIn =
  (language: Language): Skip =>
  (reason, extra = {}) => ({
    reason,
    answer: false,
    question: null,
    notices: [],
    language,
    ...extra,
  });

/**
 * The customer's language: the one a command or greeting belongs to ("ACHA", "bom dia"), else
 * what the detector reads in a longer message, else the workspace's default.
 */
function languageOf(
  text: string,
  known: Language | null | undefined,
  defaultLanguage: string,
): Language {
  return (
    known ??
    detectLanguage(text) ??
    (isLanguage(defaultLanguage) ? defaultLanguage : DEFAULT_LANGUAGE)
  );
}

const SMALL_TALK_REPLY: Partial<Record<SmallTalk["kind"], SystemMessageKind>> = {
  greeting: "greeting",
  goodbye: "goodbye",
  about_bot: "aboutBot",
};

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
  if (message.type === "reaction" || NOT_A_MESSAGE.has(message.type)) {
    const language = languageOf("", null, settings.defaultLanguage);
    return skipIn(language)(message.type === "reaction" ? "reaction" : "not_a_message");
  }
  trace("message");

  // The customer's rating of a closed conversation is an answer, not a question: never the
  // fallback, never a person called. The first tap is thanked, when a message can go out.
  if (message.rating) {
    const language = message.ratingLanguage ?? languageOf("", null, settings.defaultLanguage);
    const thank =
      message.rating === "first" && input.channel.status === "connected" && !contact.optedOut;
    return skipIn(language)("rating", {
      notices: thank
        ? [{ kind: "rating_thanks", text: systemMessage(settings, "ratingThanks", language) }]
        : [],
    });
  }

  const fileRead = message.fileRead === true;
  const readable =
    TEXT_TYPES.has(message.type) ||
    (MEDIA_TYPES.has(message.type) && message.hasCaption) ||
    fileRead;
  // A photo the model will see is a question whatever its caption says ("hi", or nothing).
  const seesPhoto = fileRead && message.type === "image";
  const question = readable ? (message.text?.trim() ?? "") : "";
  const command = readable ? readCommand(message.buttonPayload ?? message.text ?? "") : null;
  const smallTalk = readable && !command && !seesPhoto ? readSmallTalk(question) : null;
  // A command or greeting every language uses ("STOP", "ok") says nothing of the language: the
  // default applies rather than a guess from one word.
  const known = command ?? smallTalk;
  const language = languageOf(known ? "" : question, known?.language, settings.defaultLanguage);
  const skip = skipIn(language);
  const say = (kind: SystemMessageKind) => systemMessage(settings, kind, language);

  if (input.channel.status !== "connected") {
    return skip("channel_unavailable", {
      handoff: { reason: "channel_unavailable", notify: true },
    });
  }
  trace("channel");
  // Opting out and back in works whatever else is set: it is the customer's right.
  if (command?.command === "opt_out") {
    return contact.optedOut
      ? skip("opted_out")
      : skip("opt_out", { optOut: true, notices: [{ kind: "opt_out", text: say("optOut") }] });
  }
  if (command?.command === "opt_in" && contact.optedOut) {
    return skip("opt_in", { optOut: false, notices: [{ kind: "opt_in", text: say("optIn") }] });
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
      notices: [{ kind: "handoff", text: say("handoff") }],
      handoff: { reason: "requested", notify: true },
    });
  }
  trace("no_handoff_keyword");

  const overContact = input.counts.contactMessagesLastDay > settings.maxMessagesPerUserPerDay;
  const overWorkspace = input.counts.workspaceAnswersLastHour >= settings.maxMessagesPerHour;
  // With "only tell customers we're closed", the closed note is all a customer gets.
  const closedOnly =
    settings.outsideHours === "closed_only" &&
    hasSchedule(settings.businessHours) &&
    !isOpen(settings.businessHours, settings.timezone, now);
  // Conversation, not a question: never the fallback, never a person called. Thanks, "ok" and a
  // lone emoji need no reply; a greeting, a goodbye or "are you a bot?" gets a short one, within
  // the limits (over them, the limit's own notice applies).
  if (smallTalk && !closedOnly) {
    const replyKind = SMALL_TALK_REPLY[smallTalk.kind];
    if (!replyKind) return skip("small_talk", { smallTalk: smallTalk.kind });
    if (!overContact && !overWorkspace) {
      const first = firstContactNotice(input, language);
      // The honest answer to "are you a bot?" already says what the assistant notice would.
      if (smallTalk.kind === "about_bot" && first && !first.welcomed) {
        return skip("small_talk", {
          smallTalk: smallTalk.kind,
          notices: [{ ...first.notice, text: say("aboutBot") }],
        });
      }
      const greetedByWelcome = smallTalk.kind === "greeting" && first?.welcomed;
      return skip("small_talk", {
        smallTalk: smallTalk.kind,
        notices: [
          ...(first ? [first.notice] : []),
          ...(greetedByWelcome ? [] : [{ kind: "small_talk" as const, text: say(replyKind) }]),
        ],
      });
    }
  }
  trace("not_small_talk");

  // Outside business hours the customer hears once per closed period when a person is back.
  let away: Notice[] = [];
  let closed = false;
  if (
    hasSchedule(settings.businessHours) &&
    !isOpen(settings.businessHours, settings.timezone, now)
  ) {
    closed = true;
    const note = awayNote(
      say("away"),
      say("awayBack"),
      settings.businessHours,
      settings.timezone,
      now,
      language,
    );
    const alreadyTold =
      conversation.awayNoticeUntil !== null &&
      conversation.awayNoticeUntil.getTime() > now.getTime();
    const until = (note.opening ?? new Date(now.getTime() + DAY_MS)).toISOString();
    const awayText = untranslatedOwnerText(settings, "away", language);
    away = alreadyTold
      ? []
      : [
          {
            kind: "away",
            text: note.text,
            claim: { kind: "away", until },
            ...(awayText && { translate: { language, texts: [awayText] } }),
          },
        ];
    if (settings.outsideHours === "closed_only") {
      return skip("outside_hours", {
        notices: away,
        handoff: { reason: "outside_hours", notify: false },
      });
    }
  }
  trace("open");

  if (overContact || overWorkspace) {
    const noticed =
      conversation.rateLimitNoticeAt !== null &&
      now.getTime() - conversation.rateLimitNoticeAt.getTime() < DAY_MS;
    return skip("rate_limited", {
      notices: noticed
        ? []
        : [{ kind: "rate_limit", text: say("rateLimited"), claim: { kind: "rate_limit" } }],
      handoff: { reason: "rate_limited", notify: !noticed },
    });
  }
  trace("within_limits");

  // An order from the catalog is for a person to confirm; the bot does not answer it.
  if (message.type === "order") {
    return skip("order", { handoff: { reason: "order", notify: true } });
  }

  if (!readable || (question === "" && !seesPhoto)) {
    const noticed =
      conversation.unsupportedNoticeAt !== null &&
      now.getTime() - conversation.unsupportedNoticeAt.getTime() < DAY_MS;
    // The note promises that a person will look, so the conversation is flagged for one.
    return skip("unsupported", {
      notices: noticed
        ? []
        : [{ kind: "unsupported", text: say("unsupported"), claim: { kind: "unsupported" } }],
      handoff: { reason: "unanswered", notify: true },
    });
  }
  trace("readable");

  const first = firstContactNotice(input, language);
  return {
    reason: "answer",
    answer: true,
    question,
    language,
    notices: [
      ...(first ? [first.notice] : []),
      ...away.map((n): Notice => ({ ...n, afterAnswer: true })),
    ],
    // What the bot cannot answer while closed waits for the team, without waking anyone.
    ...(closed && { unanswered: { reason: "outside_hours", notify: false } }),
  };
}

/**
 * What a new customer is told once, before the first reply: the owner's welcome, if set, and,
 * when the AI may answer, that they are talking to an automated assistant (transparency duties
 * such as the EU AI Act's). One message, claimed once per contact.
 */
function firstContactNotice(
  { contact, settings }: DecisionInput,
  language: Language,
): { notice: Notice; welcomed: boolean } | null {
  if (contact.welcomedAt !== null) return null;
  const welcome = settings.welcomeMessage?.trim()
    ? systemMessage(settings, "welcome", language)
    : null;
  const disclosure =
    settings.aiActive && settings.aiDisclosure
      ? systemMessage(settings, "aiDisclosure", language)
      : null;
  const text = [welcome, disclosure].filter(Boolean).join("\n\n");
  if (text === "") return null;
  const own = welcome ? untranslatedOwnerText(settings, "welcome", language) : null;
  return {
    notice: {
      kind: "welcome",
      text,
      claim: { kind: "welcome" },
      ...(own && { translate: { language, texts: [own] } }),
    },
    welcomed: welcome !== null,
  };
}
