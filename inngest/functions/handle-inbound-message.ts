import { getDb } from "@/db";
import { setReplyState } from "@/db/queries/webhooks";
import { inngest } from "../client";
import { type MessageReceived, messageReceived, messageReceivedData } from "../events";
import type { JobContext } from "../step";

// The job behind every inbound message. It claims the message (pending → handled) exactly once,
// so redeliveries, sweeps and retries never act on it twice.
export async function handleInboundMessage({ event, step }: JobContext<MessageReceived>) {
  const { workspaceId, messageId } = event.data;
  const claimed = await step.run("claim-message", async () =>
    setReplyState(await getDb(), { workspaceId, messageId, from: "pending", to: "handled" }),
  );
  return { messageId, handled: claimed };
}

/** After the last retry: the message is marked failed so it is visible and not swept again. */
export async function failInboundMessage(data: MessageReceived) {
  await setReplyState(await getDb(), {
    workspaceId: data.workspaceId,
    messageId: data.messageId,
    from: "pending",
    to: "failed",
  });
}

export const handleInboundMessageFn = inngest.createFunction(
  {
    id: "handle-inbound-message",
    triggers: [messageReceived],
    retries: 5,
    concurrency: [{ key: "event.data.conversationId", limit: 1 }],
    idempotency: "event.data.messageId",
    onFailure: async ({ event, step }) => {
      const original = messageReceivedData.parse(event.data.event.data);
      await step.run("mark-failed", () => failInboundMessage(original));
    },
  },
  handleInboundMessage,
);
