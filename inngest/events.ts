import { eventType } from "inngest";
import { z } from "zod";

export const messageReceivedData = z.object({
  workspaceId: z.uuid(),
  conversationId: z.uuid(),
  // The number the reply goes out from: the key of the per-number throttle.
  channelId: z.uuid(),
  messageId: z.uuid(),
});

export type MessageReceived = z.infer<typeof messageReceivedData>;

// One event per stored inbound message; its id is the message id, so a resend is a no-op.
export const messageReceived = eventType("whatsapp/message.received", {
  schema: messageReceivedData,
});
