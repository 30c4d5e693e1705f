import { isLine, readMessageBody, summarizeBody } from "./message-body";
import { MessageBubble } from "./message-bubble";
import type { ThreadMessageJson } from "./message-json";
import { MessageLine } from "./message-line";
import { attachReactions } from "./reactions";

// Quotes are worth showing for answers to a message, not for what points at one by nature.
const NO_QUOTE = new Set(["reaction", "edit", "revoke"]);

type Props = {
  slug: string;
  /** The run to show, oldest first. */
  messages: ThreadMessageJson[];
  /**
   * Every message loaded in the conversation, when the run is part of it: reactions and quotes
   * then find their message in another run too. Defaults to the run.
   */
  thread?: ThreadMessageJson[];
};

/**
 * A run of consecutive messages: reactions go onto the messages they react to, replies quote
 * what they answer, and edits, deletions and notices show as lines.
 */
export function ThreadMessages({ slug, messages, thread = messages }: Props) {
  const { messages: kept, reactions } = attachReactions(thread);
  const keptIds = new Set(kept.map((m) => m.id));
  const byWaId = new Map(
    thread.flatMap((m) =>
      m.waMessageId && !NO_QUOTE.has(m.type) ? [[m.waMessageId, m] as const] : [],
    ),
  );
  return (
    <>
      {messages
        .filter((m) => keptIds.has(m.id))
        .map((m) => {
          const body = readMessageBody(m);
          if (isLine(body)) return <MessageLine key={m.id} message={m} body={body} />;
          const context = NO_QUOTE.has(m.type) ? null : m.contextWaMessageId;
          const original = context ? byWaId.get(context) : undefined;
          return (
            <MessageBubble
              key={m.id}
              slug={slug}
              message={m}
              reaction={m.waMessageId ? reactions.get(m.waMessageId) : null}
              quoted={context ? (original ? summarizeBody(readMessageBody(original)) : "") : null}
            />
          );
        })}
    </>
  );
}
