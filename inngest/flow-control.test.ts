import { describe, expect, it } from "vitest";
import {
  BOT_REPLY_THROTTLE,
  MAX_SENDS_PER_BOT_RUN,
  MAX_SENDS_PER_PERSON_RUN,
  MESSAGES_PER_SECOND_PER_NUMBER,
  PERSON_REPLY_THROTTLE,
} from "./flow-control";
import { handleInboundMessageFn } from "./functions/handle-inbound-message";
import { sendInboxReplyFn } from "./functions/send-inbox-reply";

describe("per-number pacing under Inngest", () => {
  it("keeps a number under Meta's rate even when every run sends its most messages", () => {
    // Inngest throttles run starts per function, so the worst case is both functions at their
    // limit with every run sending as much as it can.
    const worst =
      BOT_REPLY_THROTTLE.limit * MAX_SENDS_PER_BOT_RUN +
      PERSON_REPLY_THROTTLE.limit * MAX_SENDS_PER_PERSON_RUN;
    expect(worst).toBeLessThanOrEqual(MESSAGES_PER_SECOND_PER_NUMBER);
    expect(BOT_REPLY_THROTTLE.limit).toBeGreaterThan(0);
    expect(PERSON_REPLY_THROTTLE.limit).toBeGreaterThan(0);
  });

  it("throttles each sending function by number with its own share", () => {
    const opts = (fn: unknown) => (fn as { opts: { throttle?: unknown } }).opts;
    expect(opts(handleInboundMessageFn).throttle).toEqual(BOT_REPLY_THROTTLE);
    expect(opts(sendInboxReplyFn).throttle).toEqual(PERSON_REPLY_THROTTLE);
  });
});
