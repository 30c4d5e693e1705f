import { deliverOutgoingWebhookFn, sweepOutgoingWebhooksFn } from "./deliver-outgoing-webhook";
import { embedFaqsFn } from "./embed-faqs";
import { handleInboundMessageFn } from "./handle-inbound-message";
import { ingestKnowledgeFn } from "./ingest-knowledge";
import { pruneWebhookDeliveriesFn } from "./prune-webhook-deliveries";
import { remindUnopenedFn } from "./remind-unopened";
import { resendQueuedRepliesFn } from "./resend-queued-replies";
import { sendBroadcastFn, sweepBroadcastsFn } from "./send-broadcast";
import { sendInboxReplyFn } from "./send-inbox-reply";
import { summarizeConversationFn } from "./summarize-conversation";
import { syncCatalogFn } from "./sync-catalog";
import { syncDueKnowledgeFn } from "./sync-due-knowledge";
import { wakeSnoozedFn } from "./wake-snoozed";

export const functions = [
  handleInboundMessageFn,
  sendInboxReplyFn,
  resendQueuedRepliesFn,
  pruneWebhookDeliveriesFn,
  embedFaqsFn,
  syncCatalogFn,
  deliverOutgoingWebhookFn,
  sweepOutgoingWebhooksFn,
  ingestKnowledgeFn,
  syncDueKnowledgeFn,
  remindUnopenedFn,
  sendBroadcastFn,
  sweepBroadcastsFn,
  wakeSnoozedFn,
  summarizeConversationFn,
];
