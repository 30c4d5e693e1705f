// Flow control shared by every job that sends to a customer.

// One step at a time per conversation across functions (scope "env"), so the bot's answer and a
// person's reply to the same customer never run at once; the key is prefixed so no other
// env-wide limit shares it. Steps of two runs may still interleave: the bot's run also holds the
// conversation's lease in the database (`takeConversation`).
export const CONVERSATION_QUEUE = {
  scope: "env",
  key: '"conversation-" + event.data.conversationId',
  limit: 1,
} as const;

// Meta allows 80 messages a second per number. Inngest's throttle counts run starts, not sends,
// and each function is throttled on its own, so each function's share of the 80 is divided by the
// most messages one of its runs can send to that number.
export const MESSAGES_PER_SECOND_PER_NUMBER = 80;

// The bot's run: a welcome or notice, the answer, and a staff alert through the same number.
export const MAX_SENDS_PER_BOT_RUN = 3;
// A person's queued reply is one message (a long text is split, but the inbox caps it at 4096).
export const MAX_SENDS_PER_PERSON_RUN = 1;

const BOT_SHARE = 72;
const PERSON_SHARE = MESSAGES_PER_SECOND_PER_NUMBER - BOT_SHARE;

export const BOT_REPLY_THROTTLE = {
  key: "event.data.channelId",
  limit: Math.floor(BOT_SHARE / MAX_SENDS_PER_BOT_RUN),
  period: "1s",
  burst: 1,
} as const;

export const PERSON_REPLY_THROTTLE = {
  key: "event.data.channelId",
  limit: Math.floor(PERSON_SHARE / MAX_SENDS_PER_PERSON_RUN),
  period: "1s",
  burst: 1,
} as const;
