import { eventType } from "inngest";
import { z } from "zod";

// The message a job is about, with the keys of its flow control.
export const messageReceivedData = z.object({
  workspaceId: z.uuid(),
  // Jobs of one conversation run one at a time, so the bot and a person never send at once.
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

// One event per reply a person queued in the inbox; its id is the reply's message id. The data
// has the same shape: the reply's message, conversation and number.
export const inboxReplyQueued = eventType("inbox/reply.queued", { schema: messageReceivedData });
export type InboxReplyQueued = MessageReceived;

// A workspace's FAQ changed (saved, imported, switched on): its entries are embedded again where
// their text changed. `changedAt` tells one change from the next (no event id: each counts).
export const faqsChangedData = z.object({ workspaceId: z.uuid(), changedAt: z.number() });
export type FaqsChanged = z.infer<typeof faqsChangedData>;
export const faqsChanged = eventType("faqs/changed", { schema: faqsChangedData });

// An owner asked for the workspace's products to be sent to its Meta catalog. `requestedAt`
// tells one request from the next.
export const catalogSyncRequestedData = z.object({
  workspaceId: z.uuid(),
  requestedAt: z.number(),
});
export type CatalogSyncRequested = z.infer<typeof catalogSyncRequestedData>;
export const catalogSyncRequested = eventType("catalog/sync.requested", {
  schema: catalogSyncRequestedData,
});

// An outgoing webhook delivery to attempt; its id is the delivery's, so a resend is a no-op.
export const outgoingDeliveryData = z.object({ workspaceId: z.uuid(), deliveryId: z.uuid() });
export type OutgoingDeliveryDue = z.infer<typeof outgoingDeliveryData>;
export const outgoingDeliveryDue = eventType("webhooks/delivery.due", {
  schema: outgoingDeliveryData,
});

// A knowledge source is to be read (added, re-synced by its owner, or due on its schedule).
// `requestedAt` is the request's time as stored on the source: a run that finds a newer one
// stands down, and with the source it makes the event id.
export const knowledgeSyncRequestedData = z.object({
  workspaceId: z.uuid(),
  sourceId: z.uuid(),
  requestedAt: z.iso.datetime({ offset: true }),
});
export type KnowledgeSyncRequested = z.infer<typeof knowledgeSyncRequestedData>;
export const knowledgeSyncRequested = eventType("knowledge/sync.requested", {
  schema: knowledgeSyncRequestedData,
});

// A broadcast is due (confirmed to send now, at its time, or found under way after a restart).
// One run per broadcast at a time; each run goes on where the last stopped.
export const broadcastDueData = z.object({ workspaceId: z.uuid(), broadcastId: z.uuid() });
export type BroadcastDue = z.infer<typeof broadcastDueData>;
export const broadcastDue = eventType("broadcasts/broadcast.due", { schema: broadcastDueData });

// A conversation's summary for the team is to be made (a hand-off, or an agent's refresh).
// `requestedAt` is the request's time as stored on the summary: with the conversation it makes
// the event id, and a run for an older request stores nothing.
export const summaryRequestedData = z.object({
  workspaceId: z.uuid(),
  conversationId: z.uuid(),
  requestedAt: z.iso.datetime({ offset: true }),
});
export type SummaryRequested = z.infer<typeof summaryRequestedData>;
export const summaryRequested = eventType("conversations/summary.requested", {
  schema: summaryRequestedData,
});
