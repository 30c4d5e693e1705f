import { handleInboundMessageFn } from "./handle-inbound-message";

export const functions = [handleInboundMessageFn];
