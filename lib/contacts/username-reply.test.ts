import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contacts, conversations, messages } from "@/db/schema";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { contact, envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";

const HOURS_FAQ = {
  question: "What are your opening hours?",
  answer: "We are open Mon-Fri 9-18.",
  keywords: ["hours", "open"],
};

// A customer who uses a WhatsApp username shares no phone: the bot answers through Meta's
// `recipient` field, and the sandbox's Graph API accepts it as Meta does.
describe.each(testDatabaseKinds)("A customer known only by user id, on %s", (kind) => {
  let h: ReplyHarness;
  beforeAll(async () => {
    h = await startReplyHarness(kind);
  });
  afterAll(() => h.close());

  it("gets the bot's answer like anyone else, sent to their business-scoped user id", async () => {
    const ws = await h.workspace("Username Shop", { faqs: [HOURS_FAQ], bot: { aiEnabled: false } });
    const userId = `KE.${Date.now()}0001`;
    const sendsBefore = h.sends().length;
    await h.deliver(
      envelope({
        wabaId: ws.wabaId,
        changes: [
          messagesChange(ws.phoneNumberId, {
            contacts: [contact({ userId, name: "Zawadi" })],
            messages: [inbound({ userId }, "text", { text: { body: "When are you open?" } })],
          }),
        ],
      }),
    );
    const sent = h.sends().slice(sendsBefore);
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      recipient: userId,
      type: "text",
      text: { body: HOURS_FAQ.answer },
    });
    expect(body).not.toHaveProperty("to");

    const [row] = await h.db
      .select({ conversation: conversations, contactPhone: contacts.waId })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(eq(contacts.businessScopedUserId, userId));
    expect(row?.contactPhone).toBeNull();
    expect(row?.conversation).toMatchObject({
      needsHuman: false,
      handoffReason: null,
      status: "bot",
    });
    const outbound = await h.db
      .select({ text: messages.text, waMessageId: messages.waMessageId, source: messages.source })
      .from(messages)
      .where(eq(messages.conversationId, row?.conversation.id ?? ""));
    const answer = outbound.find((m) => m.text === HOURS_FAQ.answer);
    // The emulator accepted the send and gave it a message id.
    expect(answer).toMatchObject({ source: "faq", waMessageId: expect.stringMatching(/^wamid\./) });
    expect(await h.escalationsOf(ws.workspaceId)).toEqual([]);
  });
});
