import { handleInboundMessageFn } from "./handle-inbound-message";
import { sendInboxReplyFn } from "./send-inbox-reply";

export const functions = [handleInboundMessageFn, sendInboxReplyFn];
