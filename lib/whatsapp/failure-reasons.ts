// Why WhatsApp did not deliver a message, in words a business's support agent can act on.
// Codes and meanings follow Meta's error-code table (notes/meta-whatsapp-api.md §C.3); the
// negative codes are Parley's own, set where no answer from Meta could be had.

export type FailureReason = { title: string; advice: string };

const REAUTHORIZE: FailureReason = {
  title: "WhatsApp no longer accepts this number's connection",
  advice:
    "The access WhatsApp gave Parley has expired or lost its permissions. An owner or admin needs to re-authorize the number on the WhatsApp page; then the message can be sent again.",
};

const RATE_LIMITED: FailureReason = {
  title: "WhatsApp is limiting how fast this business can send",
  advice: "Too many messages went out in a short time. Wait a few minutes, then send it again.",
};

const META_SIDE: FailureReason = {
  title: "Something went wrong at WhatsApp",
  advice: "The problem was on Meta's side, not yours. Wait a few minutes, then send it again.",
};

const BAD_REQUEST: FailureReason = {
  title: "WhatsApp did not understand this message",
  advice:
    "Something in the message was missing or invalid. Send it again; if it keeps failing, tell your Parley administrator the code below.",
};

const REASONS: Record<number, FailureReason> = {
  131047: {
    title: "More than 24 hours since the customer last wrote",
    advice:
      "WhatsApp only allows an approved template now. Send a template; once the customer answers, you can write freely again for 24 hours.",
  },
  131026: {
    title: "The customer can't receive WhatsApp messages",
    advice:
      "The number may not be on WhatsApp, may run an old version of the app or not have accepted WhatsApp's terms, or the customer may have blocked this business. Try another way to reach them.",
  },
  131049: {
    title: "WhatsApp chose not to deliver this message",
    advice:
      "WhatsApp limits how many marketing messages a person gets from businesses. Don't send it again right away: wait at least a day, or answer when the customer writes.",
  },
  131050: {
    title: "The customer stopped marketing messages",
    advice:
      "They told WhatsApp they don't want marketing messages from this business. Don't send them any; you can still answer when they write.",
  },
  131051: {
    title: "WhatsApp doesn't support this type of message",
    advice: "Send the content another way: as text, an image or a document.",
  },
  131052: {
    title: "The file couldn't be downloaded",
    advice:
      "WhatsApp could not fetch the file, for example because it is larger than 100 MB. Ask for it again as a smaller file.",
  },
  131053: {
    title: "WhatsApp rejected the file",
    advice:
      "Its type isn't supported, or doesn't match what the file really is. Send it as a PDF, JPEG or PNG instead.",
  },
  131042: {
    title: "The business has a WhatsApp payment problem",
    advice:
      "WhatsApp needs a valid payment method for this business. An owner should check the payment settings in Meta's WhatsApp Manager; messages go out again once it is fixed.",
  },
  131031: {
    title: "This WhatsApp business account is locked",
    advice:
      "Meta locked the account, for example for a policy issue or a wrong two-step verification PIN. An owner needs to check Meta Business Suite; nothing can be sent until it is unlocked.",
  },
  130472: {
    title: "The customer is part of a WhatsApp experiment",
    advice:
      "Meta holds back some marketing messages from people in an experiment. Nothing is wrong on your side; don't send it again, and answer when the customer writes.",
  },
  131021: {
    title: "This message was addressed to the business's own number",
    advice:
      "WhatsApp does not deliver messages a number sends to itself. Check the customer's number.",
  },
  131056: {
    title: "Too many messages to this customer in a short time",
    advice:
      "WhatsApp allows about one message every 6 seconds to the same person. Wait a minute and send it again, ideally as one message instead of several.",
  },
  131048: {
    title: "WhatsApp is limiting this number for spam reports",
    advice:
      "Too many of its recent messages were blocked or reported. Pause bulk messages and check the number's quality rating in WhatsApp Manager.",
  },
  131030: {
    title: "This customer isn't on the test number's allowed list",
    advice:
      "A test number can only message numbers added to its list in Meta's App Dashboard. Add the number there, or use a production number.",
  },
  131062: {
    title: "WhatsApp can't deliver this message without a phone number",
    advice:
      "The customer is known only by their WhatsApp user id, which this kind of message doesn't support yet. Reply with plain text.",
  },
  368: {
    title: "WhatsApp temporarily blocked this business for policy violations",
    advice:
      "An owner should check Meta Business Suite for the violation. Nothing can be sent until the block ends.",
  },
  132000: {
    title: "The template's values don't match it",
    advice:
      "The number of values filled in differs from the template's placeholders. Choose the template again and fill in every value.",
  },
  132001: {
    title: "This template doesn't exist in that language, or isn't approved",
    advice:
      "Choose another template or language, or ask an admin to check the template in WhatsApp Manager.",
  },
  132005: {
    title: "The template is too long once filled in",
    advice: "Shorten the values you filled in, then send it again.",
  },
  132007: {
    title: "WhatsApp refused the template's content under its policies",
    advice: "Use another template, or change the values you filled in.",
  },
  132008: {
    title: "A value in the template is not allowed",
    advice: "Check the values you filled in, then send it again.",
  },
  132012: {
    title: "A value in the template has the wrong format",
    advice:
      "Check each value against what the template expects, such as a date, an amount or a header image.",
  },
  132015: {
    title: "This template is paused for low quality",
    advice:
      "Customers reported or blocked it. Choose another template; an admin can improve this one in WhatsApp Manager.",
  },
  132016: {
    title: "This template is disabled for low quality",
    advice: "It can't be used any more. Choose another template.",
  },
  133010: {
    title: "The WhatsApp number isn't registered",
    advice:
      "The number hasn't been registered with the WhatsApp Cloud API. An owner or admin should register it on the WhatsApp page, then send the message again.",
  },
  190: REAUTHORIZE,
  0: REAUTHORIZE,
  3: REAUTHORIZE,
  10: REAUTHORIZE,
  4: RATE_LIMITED,
  80007: RATE_LIMITED,
  130429: RATE_LIMITED,
  1: META_SIDE,
  2: META_SIDE,
  131000: META_SIDE,
  131016: META_SIDE,
  131057: META_SIDE,
  100: BAD_REQUEST,
  131008: BAD_REQUEST,
  131009: BAD_REQUEST,
};

// Parley's own codes (lib/whatsapp/graph-errors.ts, lib/outbound/send-once.ts,
// lib/inbox/send-queued-reply.ts). Their details say what happened, so they are kept as advice.
const OWN: Record<number, FailureReason> = {
  [-1]: {
    title: "WhatsApp did not answer",
    advice:
      "It isn't known whether the message arrived, so it was not sent again to avoid a duplicate. Check with the customer before sending it again.",
  },
  [-2]: {
    title: "WhatsApp could not be reached",
    advice:
      "The connection to WhatsApp failed, so it isn't known whether the message arrived. Check with the customer before sending it again.",
  },
  [-3]: {
    title: "WhatsApp gave an answer Parley did not understand",
    advice: "The message may have been sent. Check with the customer before sending it again.",
  },
  [-4]: {
    title: "There is no phone number to reply to",
    advice: "This customer reached the business without a phone number Parley can write to.",
  },
  [-5]: {
    title: "The WhatsApp number is disconnected",
    advice:
      "An owner or admin needs to reconnect it on the WhatsApp page, then send the message again.",
  },
  [-6]: {
    title: "The message could not be prepared",
    advice: "Nothing was sent. Write the reply again, or choose the template again.",
  },
  [-7]: {
    title: "WhatsApp never confirmed this message",
    advice:
      "It was sent twice without WhatsApp confirming either, so it was not sent a third time. Check with the customer before sending it again.",
  },
};

/** A failed message's reason and what the agent can do about it. */
export function describeFailure(code: number | null, details: string | null): FailureReason {
  const given = details?.trim() || null;
  if (code === null) {
    return {
      title: "WhatsApp did not deliver this message",
      advice: given ?? "WhatsApp gave no reason. Try sending it again later.",
    };
  }
  const own = OWN[code];
  if (own) return { title: own.title, advice: given ?? own.advice };
  const known = REASONS[code] ?? (code >= 200 && code <= 299 ? REAUTHORIZE : undefined);
  if (known) return known;
  return {
    title: `WhatsApp refused this message (code ${code})`,
    advice:
      given ??
      "WhatsApp gave no further reason. Try sending it again later; if it keeps failing, tell your Parley administrator the code.",
  };
}
