import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  channels,
  contacts,
  conversationEvents,
  conversations,
  messages,
  webhookDeliveries,
} from "@/db/schema";
import {
  appWebhook,
  historyWebhooks,
  SANDBOX_APP_CONTACTS,
} from "@/lib/sandbox/emulator-coexistence";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type ReplyHarness, startReplyHarness } from "@/lib/testing/reply-harness";
import { HISTORY_DECLINED } from "./ingest-coexistence";

const HOURS_FAQ = {
  question: "What are your opening hours?",
  answer: "We are open Mon-Fri 9-18.",
  keywords: ["hours", "open"],
};

let phones = 0;
const phone = () => `2547${String(Date.now()).slice(-6)}${String(++phones).padStart(2, "0")}`;
let ids = 0;
const wamid = () => `wamid.ECHO${Date.now()}${++ids}`;

// A number shared with the WhatsApp Business app: the owner's own messages, address book and
// chat history reach the workspace that owns the number, once each, and never wake the bot.
describe.each(testDatabaseKinds)("Coexistence webhooks on %s", (kind) => {
  let h: ReplyHarness;
  let shop: Awaited<ReturnType<ReplyHarness["workspace"]>>;
  let other: Awaited<ReturnType<ReplyHarness["workspace"]>>;
  const ref = (ws: { phoneNumberId: string; wabaId: string }) => ({
    phoneNumberId: ws.phoneNumberId,
    wabaId: ws.wabaId,
    displayPhoneNumber: "254700000001",
  });
  const echo = (ws: typeof shop, to: string, text: string, id = wamid()) =>
    appWebhook(ref(ws), "smb_message_echoes", {
      message_echoes: [
        {
          from: "254700000001",
          to,
          id,
          timestamp: String(Math.floor(Date.now() / 1000)),
          type: "text",
          text: { body: text },
        },
      ],
    });
  const contactsOf = (workspaceId: string) =>
    h.db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId));

  beforeAll(async () => {
    h = await startReplyHarness(kind);
    shop = await h.workspace("Coexisting Bakery", { faqs: [HOURS_FAQ] });
    other = await h.workspace("Other Bakery", { faqs: [HOURS_FAQ] });
  }, 180_000);
  afterAll(() => h.close());

  it("stores the owner's reply from the app once, as the business's, and the bot stops there", async () => {
    const customer = phone();
    await h.says(shop, customer, "what are your opening hours?");
    expect((await h.thread(shop.workspaceId, customer)).outbound).toHaveLength(1);

    const id = wamid();
    expect(await h.deliver(echo(shop, customer, "I'll be there at 9, see you!", id))).toBe(200);
    expect(await h.deliver(echo(shop, customer, "I'll be there at 9, see you!", id))).toBe(200);
    const t = await h.thread(shop.workspaceId, customer);
    const fromApp = t.outbound.filter((m) => m.fromBusinessApp);
    expect(fromApp).toHaveLength(1);
    expect(fromApp[0]).toMatchObject({
      text: "I'll be there at 9, see you!",
      source: "human",
      status: "sent",
      sentBy: null,
      waMessageId: id,
    });
    expect(t.conversation).toMatchObject({ status: "human", needsHuman: false });
    const events = await h.db
      .select()
      .from(conversationEvents)
      .where(eq(conversationEvents.conversationId, t.conversation?.id ?? ""));
    expect(events.map((e) => [e.kind, e.body, e.actorId])).toEqual([
      ["took_over", "business_app", null],
    ]);

    const sendsBefore = h.sends().length;
    await h.says(shop, customer, "and what are your opening hours on Saturday?");
    expect(h.sends()).toHaveLength(sendsBefore);
    const after = await h.thread(shop.workspaceId, customer);
    expect(after.inbound).toHaveLength(2);
    expect(after.outbound).toHaveLength(2);
  });

  it("routes by phone number id: another workspace's echo stays there, an unknown number is kept unrouted", async () => {
    const customer = phone();
    await h.deliver(echo(other, customer, "Hello from the other shop"));
    expect((await h.thread(other.workspaceId, customer)).outbound).toHaveLength(1);
    expect((await h.thread(shop.workspaceId, customer)).conversation).toBeNull();

    const stray = { ...other, phoneNumberId: "999000111222333" };
    expect(await h.deliver(echo(stray, customer, "Nobody's number"))).toBe(200);
    const [kept] = await h.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.phoneNumberId, "999000111222333"),
          eq(webhookDeliveries.field, "smb_message_echoes"),
        ),
      );
    expect(kept?.routed).toBe(false);
  });

  it("adds and renames the address book's contacts, and removes only those nobody talked with", async () => {
    const ws = await h.workspace("Address Book Bakery");
    const now = String(Math.floor(Date.now() / 1000));
    const entry = (waId: string, action: string, name?: string) => ({
      type: "contact",
      contact: { phone_number: waId, ...(name && { full_name: name, first_name: name }) },
      action,
      metadata: { timestamp: now },
    });
    const book = SANDBOX_APP_CONTACTS.map((c) => entry(c.waId, "add", c.fullName));
    const sync = (state_sync: unknown[]) =>
      h.deliver(appWebhook(ref(ws), "smb_app_state_sync", { state_sync }));
    await sync(book);
    await sync(book);
    let saved = await contactsOf(ws.workspaceId);
    expect(saved.map((c) => [c.waId, c.name]).sort()).toEqual(
      SANDBOX_APP_CONTACTS.map((c) => [c.waId, c.fullName]).sort(),
    );
    // Other workspaces' contacts are untouched.
    expect((await contactsOf(shop.workspaceId)).some((c) => c.name === "Amina Otieno")).toBe(false);

    const [amina, brian, carla] = SANDBOX_APP_CONTACTS;
    await h.says(ws, brian.waId, "hello");
    await sync([
      entry(amina.waId, "add", "Amina O. (Westlands)"),
      entry(brian.waId, "remove"),
      entry(carla.waId, "remove"),
    ]);
    saved = await contactsOf(ws.workspaceId);
    expect(saved.map((c) => [c.waId, c.name]).sort()).toEqual([
      [amina.waId, "Amina O. (Westlands)"],
      [brian.waId, expect.any(String)],
    ]);
    const [row] = await h.db.select().from(channels).where(eq(channels.id, ws.channelId));
    expect(row?.appSync?.contacts.received).toBe(7);
  });

  it("imports the chat history with its own times, once, in any chunk order, and answers none of it", async () => {
    const ws = await h.workspace("History Bakery", { faqs: [HOURS_FAQ] });
    const sendsBefore = h.sends().length;
    const chunks = historyWebhooks(ref(ws), true);
    for (const chunk of chunks) expect(await h.deliver(chunk)).toBe(200);
    for (const chunk of chunks) expect(await h.deliver(chunk)).toBe(200);
    expect(h.sends()).toHaveLength(sendsBefore);

    const [amina, brian] = SANDBOX_APP_CONTACTS;
    const recent = await h.thread(ws.workspaceId, amina.waId);
    expect(recent.inbound.map((m) => m.text)).toEqual([
      "Hello, do you deliver to Westlands?",
      "Great, thank you!",
    ]);
    expect(recent.outbound.map((m) => [m.text, m.fromBusinessApp, m.status])).toEqual([
      ["Yes, every day before noon.", true, "read"],
    ]);
    for (const m of [...recent.inbound, ...recent.outbound]) {
      expect(m.imported).toBe(true);
      expect(m.replyState).toBeNull();
      expect(Date.now() - m.createdAt.getTime()).toBeGreaterThan(8 * 60 * 60 * 1000);
    }
    expect(recent.conversation).toMatchObject({ unreadCount: 0, status: "bot" });
    expect(recent.conversation?.lastMessagePreview).toBe("Great, thank you!");

    const older = await h.thread(ws.workspaceId, brian.waId);
    expect(older.inbound).toHaveLength(1);
    expect(older.outbound).toHaveLength(1);
    expect(Date.now() - (older.conversation?.createdAt.getTime() ?? 0)).toBeGreaterThan(
      19 * 24 * 60 * 60 * 1000,
    );
    const [row] = await h.db.select().from(channels).where(eq(channels.id, ws.channelId));
    expect(row?.appSync?.history).toMatchObject({ status: "done", progress: 100, messages: 5 });
    const count = await h.db.$count(messages, eq(messages.channelId, ws.channelId));
    expect(count).toBe(5);

    // The customer writes today: the bot answers as usual, in the same conversation.
    await h.says(ws, amina.waId, "what are your opening hours?");
    const now = await h.thread(ws.workspaceId, amina.waId);
    expect(now.conversation?.id).toBe(recent.conversation?.id);
    expect(now.outbound.filter((m) => !m.imported)).toHaveLength(1);
  });

  it("records a declined history as declined, importing nothing", async () => {
    const ws = await h.workspace("Private Bakery");
    const [declined] = historyWebhooks(ref(ws), false);
    expect(await h.deliver(declined)).toBe(200);
    const [row] = await h.db.select().from(channels).where(eq(channels.id, ws.channelId));
    expect(row?.appSync?.history.status).toBe("declined");
    expect(await h.db.$count(conversations, eq(conversations.workspaceId, ws.workspaceId))).toBe(0);
    expect(HISTORY_DECLINED).toBe(2593109);
  });
});
