import { hasSchedule, isOpen, nextOpening } from "./business-hours";
import type { ComposedReply } from "./compose-reply";
import type { DecisionCheck, DecisionInput, DecisionReason } from "./decide";
import { englishName, type Language } from "./languages";
import { scoreAgainst } from "./score-format";
import { findPhrase } from "./text";

// The words "Try it" uses to tell an owner why the bot did what it did. Each check and reason of
// `decide` has its sentence here; the decision itself is never re-made, only described.

export type Facts = {
  input: DecisionInput;
  /** The state of the workspace's number as the decision saw it ("none" without a number). */
  channelStatus: string;
};

export type Rule = { reason: DecisionReason; explanation: string; nextOpening?: string };

/** "Monday 9 June, 14:05" in the workspace's own time zone. */
export function formatLocal(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

const quoted = (items: string[]) => items.map((k) => `“${k}”`).join(", ");
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

function limits(f: Facts) {
  const { counts, settings } = f.input;
  return {
    overWorkspace: counts.workspaceAnswersLastHour >= settings.maxMessagesPerHour,
    text: `${counts.workspaceAnswersLastHour} of ${count(settings.maxMessagesPerHour, "answer")} in the last hour, ${counts.contactMessagesLastDay} of ${count(settings.maxMessagesPerUserPerDay, "message")} from this customer today`,
  };
}

/** One sentence for a check the message passed. */
export function describeCheck(check: DecisionCheck, f: Facts): string {
  const { settings, message, now } = f.input;
  switch (check) {
    case "message":
      return "A message from a customer, not a reaction or an edit.";
    case "channel":
      return "Your WhatsApp number is connected.";
    case "command":
      return "It isn't STOP or START, the words that opt a customer out or back in.";
    case "not_opted_out":
      return "The customer hasn't opted out of automatic messages.";
    case "enabled":
      return "The bot is switched on.";
    case "bot_mode":
      return "The conversation is with the bot, not handed over to a person.";
    case "window":
      return "The customer wrote in the last 24 hours, so WhatsApp allows a reply.";
    case "no_handoff_keyword":
      return settings.handoffKeywords.length > 0
        ? `It doesn't ask for a person (none of ${quoted(settings.handoffKeywords.slice(0, 4))}${settings.handoffKeywords.length > 4 ? " …" : ""}).`
        : "No hand-off keywords are set, so nothing asks for a person.";
    case "not_small_talk":
      return "It isn't only a greeting, thanks or a goodbye.";
    case "open":
      if (!hasSchedule(settings.businessHours))
        return "No business hours are set, so the bot answers at any time.";
      return isOpen(settings.businessHours, settings.timezone, now)
        ? `You're open now (${formatLocal(now, settings.timezone)}, ${settings.timezone}).`
        : `You're closed now (${formatLocal(now, settings.timezone)}, ${settings.timezone}), but the bot still answers what it can. If it can't, the conversation waits for your team without alerting anyone.`;
    case "within_limits":
      return `Within your limits: ${limits(f).text}.`;
    case "readable":
      return message.type === "text"
        ? "It's text, so the bot can answer it."
        : "It's a photo with a caption, so the bot answers the caption.";
  }
}

const CHANNEL_STATES: Record<string, string> = {
  none: "Your workspace has no WhatsApp number yet",
  pending: "Your WhatsApp number isn't connected yet",
  needs_reauth: "WhatsApp refused your number's access token, so it needs re-authorizing",
  disconnected: "Your WhatsApp number is disconnected",
  no_token: "Your WhatsApp number has no access token",
};

/** Why the bot sends nothing while the number is not connected; the trial still shows the rest. */
export function channelRule(status: string): Rule & { step: string } {
  const state = CHANNEL_STATES[status] ?? `Your WhatsApp number is not usable (${status})`;
  return {
    reason: "channel_unavailable",
    step: `${state}: nothing would be sent now. The rest shows what customers get once it's connected.`,
    explanation: `${state}, so the bot can't send anything: a customer's message would wait in the inbox for a person. Connect the number on the WhatsApp page. Below is what customers will get once it's connected.`,
  };
}

/** The rule that stopped the bot from answering: a short step and the full explanation. */
export function explainStop(reason: DecisionReason, f: Facts): Rule & { step: string } {
  const { settings, now, message } = f.input;
  const say = (step: string, explanation: string) => ({ reason, step, explanation });
  switch (reason) {
    case "answer":
      throw new Error("An answered message has no stopping rule");
    case "reaction":
      return say("Reactions get no reply.", "Reactions to messages get no reply from the bot.");
    case "not_a_message":
      return say(
        "Not a customer message.",
        "Edits, deletions and WhatsApp's service notes are not questions, so the bot ignores them.",
      );
    case "channel_unavailable":
      return channelRule(f.channelStatus);
    case "unreachable":
      return say(
        "The customer can't be written to.",
        "WhatsApp gave only an internal id for this customer, not a phone number, so the bot can't reply and a person is asked to look.",
      );
    case "opted_out":
      return say(
        "Stopped: the customer has opted out.",
        "This customer opted out of automatic messages (they sent STOP), so the bot sends them nothing and their message waits in the inbox for a person. Sending START subscribes them again.",
      );
    case "opt_out":
      return say(
        `“${message.text?.trim()}” opts the customer out.`,
        "STOP, UNSUBSCRIBE and similar words opt a customer out of automatic messages: they get this confirmation, then nothing from the bot until they send START.",
      );
    case "opt_in":
      return say(
        `“${message.text?.trim()}” subscribes the customer again.`,
        "The customer had opted out; START or SUBSCRIBE subscribes them again. They get this confirmation, and the bot answers their next message.",
      );
    case "bot_disabled":
      return say(
        "Stopped: the bot is switched off.",
        "The bot is switched off in your bot settings, so it answers nothing: messages wait in the inbox for a person.",
      );
    case "human_mode":
      return say(
        "Stopped: a person has this conversation.",
        "The conversation was handed over to a person, so the bot stays silent in it.",
      );
    case "window_closed":
      return say(
        "Stopped: the customer's last message is over 24 hours old.",
        "WhatsApp allows only approved templates more than 24 hours after the customer's last message, so the bot sends nothing and flags the conversation for a person.",
      );
    case "handoff_requested": {
      const keyword = findPhrase(message.text ?? "", settings.handoffKeywords) ?? "";
      return say(
        `The customer asks for a person (“${keyword}”).`,
        `“${keyword}” is one of your hand-off keywords: the bot tells the customer a person will reply, stops answering in this conversation, and tells your escalation contact.`,
      );
    }
    case "outside_hours": {
      const local = `${formatLocal(now, settings.timezone)} in ${settings.timezone}`;
      const next = nextOpening(settings.businessHours, settings.timezone, now);
      const away = settings.awayMessage?.trim()
        ? "your away message"
        : "the standard away message (you haven't set your own)";
      return {
        ...say(
          `Closed now (${local}).`,
          `You're closed now (${local}) and your bot settings say to only tell customers you're closed. The customer gets ${away} once, with when a person is back; the question isn't answered, and the conversation is flagged for a person.${next ? ` You open next on ${formatLocal(next, settings.timezone)} (${settings.timezone}).` : ""}`,
        ),
        ...(next && { nextOpening: next.toISOString() }),
      };
    }
    case "rate_limited": {
      const l = limits(f);
      const which = l.overWorkspace
        ? `Your bot has sent ${count(f.input.counts.workspaceAnswersLastHour, "answer")} in the last hour, and your limit is ${settings.maxMessagesPerHour} an hour.`
        : `This customer has sent more than ${count(settings.maxMessagesPerUserPerDay, "message")} today, your limit per customer.`;
      return say(
        `Stopped by a rate limit (${l.text}).`,
        `${which} Over a limit, the customer gets one notice that a person will reply, and the conversation goes to a person. Raise the limits in the bot settings if this is normal traffic.`,
      );
    }
    case "small_talk":
      return say(
        "Small talk: no question to answer.",
        "Greetings, goodbyes and “are you a bot?” get a short reply in the customer's language; thanks, “ok” and a lone emoji need none. None of them gets the fallback message or calls a person.",
      );
    case "rating":
      return say(
        "The customer rated the conversation.",
        "A tap on the rating buttons sent when a person closed the conversation is recorded as its rating: the customer gets a short thank-you, and the conversation stays closed.",
      );
    case "order":
      return say(
        "An order from your catalog: a person confirms it.",
        "The bot does not take orders itself. The order shows in the inbox with its items and total, and the conversation goes to a person to confirm it with the customer.",
      );
    case "unsupported":
      return say(
        "The bot can't read this message.",
        "The bot reads text and photo captions only: the customer gets one polite reply asking them to type their question, and a person can look at it.",
      );
  }
}

const UNTRANSLATED: Record<NonNullable<ComposedReply["untranslated"]>, (into: string) => string> = {
  no_provider: (into) => `Sent as written: no AI provider to translate it into ${into}.`,
  disabled: (into) =>
    `Sent as written: AI answers are off in your bot settings, so it isn't translated into ${into}.`,
  failed: (into) =>
    `Sent as written: every AI provider failed, so it couldn't be translated into ${into}.`,
  kept: (into) =>
    `Sent as written: the AI's translation into ${into} changed a number, time or link, or it found the answer already in the customer's language.`,
};

/** Whether the FAQ's answer reached the customer in their language, and if not, why. */
function describeTranslation(c: ComposedReply, language: Language): string[] {
  const into = englishName(language);
  if (c.translated) return [`Translated into ${into} by the AI, every number and link kept.`];
  return c.untranslated ? [UNTRANSLATED[c.untranslated](into)] : [];
}

/** What composing the answer found: the FAQ match, or the AI, or why the fallback was sent. */
export function describeComposed(c: ComposedReply, language: Language): string[] {
  const steps: string[] = [];
  if (c.source === "faq" && c.score !== null) {
    return [
      `FAQ “${c.faqQuestion}” matched at ${scoreAgainst(c.score, c.threshold)}.`,
      ...describeTranslation(c, language),
    ];
  }
  const closest = c.related[0];
  steps.push(
    closest
      ? `No FAQ entry was sure enough to answer by itself; the closest was “${closest.question}” at ${scoreAgainst(closest.score, c.threshold)}.`
      : "No FAQ is close to this question.",
  );
  if (c.source === "faq") {
    steps.push(`The AI picked FAQ “${c.faqQuestion}” from the entries it was shown.`);
    if (c.translated) steps.push(...describeTranslation(c, language));
    return steps;
  }
  const fallback = "so the customer gets your fallback message and a person is asked to reply";
  if (c.ai) {
    if (c.aiFailures.length > 0)
      steps.push(`These AI providers failed first: ${c.aiFailures.join("; ")}.`);
    steps.push(
      `The AI answered: ${c.ai.model} (${c.ai.provider}), ${c.ai.promptTokens} + ${c.ai.completionTokens} tokens in ${c.ai.latencyMs} ms.`,
    );
  } else if (c.aiSkipped === "disabled") {
    steps.push(`AI answers are off in your bot settings, ${fallback}.`);
  } else if (c.aiSkipped === "no_provider") {
    steps.push(`No AI provider is configured, ${fallback}.`);
  } else {
    steps.push(`Every AI provider failed (${c.aiFailures.join("; ")}), ${fallback}.`);
  }
  return steps;
}
