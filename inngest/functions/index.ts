import { handleInboundMessageFn } from "./handle-inbound-message";
import { resendQueuedRepliesFn } from "./resend-queued-replies";
import { sendInboxReplyFn } from "./send-inbox-reply";

export const functions = [handleInboundMessageFn, sendInboxReplyFn, resendQueuedRepliesFn];
