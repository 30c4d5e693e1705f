import { getReplyDeps } from "@/lib/bot/deps";
import { failQueuedReply, sendQueuedReply } from "@/lib/inbox/send-queued-reply";
import { inngest } from "../client";
import { type InboxReplyQueued, inboxReplyQueued, messageReceivedData } from "../events";
import { CONVERSATION_QUEUE, PERSON_REPLY_THROTTLE } from "../flow-control";
import type { JobContext } from "../step";

/** Sends a reply a person wrote in the inbox; one step, repeated only while it is worth it. */
export async function sendInboxReply({ event, step }: JobContext<InboxReplyQueued>) {
  const target = { workspaceId: event.data.workspaceId, messageId: event.data.messageId };
  const outcome = await step.run("send", async () => sendQueuedReply(await getReplyDeps(), target));
  return { messageId: target.messageId, outcome };
}

export async function failInboxReply(data: InboxReplyQueued) {
  await failQueuedReply(await getReplyDeps(), {
    workspaceId: data.workspaceId,
    messageId: data.messageId,
  });
}

export const sendInboxReplyFn = inngest.createFunction(
  {
    id: "send-inbox-reply",
    triggers: [inboxReplyQueued],
    retries: 5,
    concurrency: [CONVERSATION_QUEUE],
    idempotency: "event.data.messageId",
    throttle: PERSON_REPLY_THROTTLE,
    onFailure: async ({ event, step }) => {
      const original = messageReceivedData.parse(event.data.event.data);
      await step.run("mark-failed", () => failInboxReply(original));
    },
  },
  sendInboxReply,
);
