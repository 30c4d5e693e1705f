import type { ThreadMessageJson } from "./message-json";

export type ThreadWithReactions = {
  /**
   * The messages to show, in order. Reactions to messages on the page are left out (their
   * emoji goes on the message); the latest reaction to a message before the page stays, at its
   * place, to be shown as a line.
   */
  messages: ThreadMessageJson[];
  /** The customer's current reaction per reacted-to WhatsApp message id. */
  reactions: Map<string, string>;
};

const target = (m: ThreadMessageJson) => m.contextWaMessageId;

const isCustomerReaction = (m: ThreadMessageJson) =>
  m.type === "reaction" && m.direction === "inbound" && target(m) !== null;

/**
 * Folds the customer's reactions into the messages they react to. WhatsApp sends each change as
 * its own message: only the latest per message counts, and an empty emoji takes the reaction back.
 */
export function attachReactions(messages: ThreadMessageJson[]): ThreadWithReactions {
  const onPage = new Set<string>();
  for (const m of messages) if (!isCustomerReaction(m) && m.waMessageId) onPage.add(m.waMessageId);

  const latest = new Map<string, ThreadMessageJson>();
  for (const m of messages) {
    const to = target(m);
    if (isCustomerReaction(m) && to) latest.set(to, m);
  }

  const reactions = new Map<string, string>();
  for (const [to, m] of latest) if (m.text) reactions.set(to, m.text);

  return {
    messages: messages.filter((m) => {
      const to = target(m);
      if (!isCustomerReaction(m) || !to) return true;
      return !onPage.has(to) && latest.get(to) === m && Boolean(m.text);
    }),
    reactions,
  };
}
