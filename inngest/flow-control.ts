// Flow control shared by every job that sends to a customer.

// One step at a time per conversation across functions (scope "env"), so the bot's answer and a
// person's reply to the same customer never run at once; the key is prefixed so no other
// env-wide limit shares it.
export const CONVERSATION_QUEUE = {
  scope: "env",
  key: '"conversation-" + event.data.conversationId',
  limit: 1,
} as const;

// Meta allows 80 messages a second per number; replies to one number queue rather than fail.
// Inngest throttles each function on its own, so the two functions that send (the bot's answers
// and people's replies) take half each.
export const REPLY_THROTTLE = {
  key: "event.data.channelId",
  limit: 40,
  period: "1s",
  burst: 10,
} as const;
