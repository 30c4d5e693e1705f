import { getEnv } from "@/lib/env";
import { inngest } from "./client";
import { type MessageReceived, messageReceived } from "./events";
import { failInboundMessage, handleInboundMessage } from "./functions/handle-inbound-message";
import { createInlineRunner, type InlineRunner } from "./inline-runner";

const store = globalThis as unknown as { __parleyInlineRunner?: InlineRunner<MessageReceived> };

export function inlineRunner(): InlineRunner<MessageReceived> {
  store.__parleyInlineRunner ??= createInlineRunner<MessageReceived>({
    handler: handleInboundMessage,
    onFailure: (data) => failInboundMessage(data),
    key: (data) => data.conversationId,
    id: (data) => data.messageId,
  });
  return store.__parleyInlineRunner;
}

export type Schedule = (task: () => void) => void;

/**
 * Hands stored inbound messages to the job system. With Inngest the send must succeed (it
 * throws otherwise, so the webhook answers 5xx and Meta redelivers); the message id is the event
 * id, so sending again is harmless. Inline, jobs start after the response (`schedule`).
 */
export async function dispatchMessagesReceived(
  messages: MessageReceived[],
  {
    schedule = (task) => setImmediate(task),
    driver = getEnv().jobs,
  }: { schedule?: Schedule; driver?: "inline" | "inngest" } = {},
): Promise<void> {
  if (messages.length === 0) return;
  if (driver === "inngest") {
    await inngest.send(messages.map((m) => messageReceived.create(m, { id: m.messageId })));
    return;
  }
  const runner = inlineRunner();
  schedule(() => {
    for (const m of messages) runner.enqueue(m);
  });
}
