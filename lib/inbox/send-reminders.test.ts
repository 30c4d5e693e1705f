import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { markConversationRead } from "@/db/queries/inbox-actions";
import { saveNotificationPreferences } from "@/db/queries/notification-preferences";
import { setReminderMinutes } from "@/db/queries/workspaces";
import { conversations, messages } from "@/db/schema";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { type InboxHarness, startInboxHarness } from "@/lib/testing/inbox-harness";
import { startSmtpCapture } from "@/lib/testing/smtp-capture";
import { sendDueReminders } from "./send-reminders";

const MIN = 60_000;

// The reminder e-mail: to the assignee of a conversation nobody opened within the workspace's
// delay, once per wait, over a real SMTP server.
describe.each(testDatabaseKinds)("reminders about unopened conversations on %s", (kind) => {
  let h: InboxHarness;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  const run = (now = new Date()) =>
    sendDueReminders(h.db, { smtp: smtp.smtp, appUrl: "https://parley.test", now });

  /** A conversation assigned to the agent whose customer wrote `ago` ms ago, unread. */
  const waiting = async (ago: number, set: Partial<typeof conversations.$inferInsert> = {}) =>
    (
      await h.conversation({
        wroteAgo: ago,
        set: { assigneeId: h.agent.id, unreadCount: 1, status: "human", ...set },
      })
    ).id;

  beforeAll(async () => {
    h = await startInboxHarness(kind);
    smtp = await startSmtpCapture();
  });
  afterAll(async () => {
    await smtp.close();
    await h.close();
  });
  beforeEach(async () => {
    smtp.mails.length = 0;
    await h.db.update(conversations).set({ remindedAt: new Date() });
    await setReminderMinutes(h.db, { workspaceId: h.workspace.id, minutes: 15 });
  });

  it("e-mails the assignee once, with a link, after the delay and not before", async () => {
    const late = await waiting(20 * MIN);
    const recent = await waiting(5 * MIN);
    expect(await run()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toEqual([h.agent.email]);
    expect(smtp.mails[0]?.raw).toContain(`https://parley.test/${h.workspace.slug}/inbox/${late}`);
    expect(smtp.mails[0]?.raw).not.toContain(recent);
    // Reminded once per wait.
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    // The other one's turn comes when its own delay has passed.
    expect(await run(new Date(Date.now() + 11 * MIN))).toEqual({ sent: 1, failed: 0 });
  });

  it("a customer writing again after a reminder brings a new one", async () => {
    const id = await waiting(20 * MIN);
    expect((await run()).sent).toBe(1);
    const [conv] = await h.db.select().from(conversations).where(eq(conversations.id, id));
    await h.db.insert(messages).values({
      workspaceId: h.workspace.id,
      conversationId: id,
      channelId: conv?.channelId ?? "",
      direction: "inbound",
      waMessageId: `wamid.again-${id}`,
      type: "text",
      text: "Hello?",
      status: "received",
      createdAt: new Date(Date.now() + 1000),
    });
    expect((await run(new Date(Date.now() + 10 * MIN))).sent).toBe(0);
    expect((await run(new Date(Date.now() + 16 * MIN))).sent).toBe(1);
  });

  it("sends nothing for an opened, unassigned or closed conversation", async () => {
    const opened = await waiting(20 * MIN);
    await markConversationRead(h.db, { workspaceId: h.workspace.id, conversationId: opened });
    await waiting(20 * MIN, { assigneeId: null });
    await waiting(20 * MIN, { status: "closed" });
    expect(await run()).toEqual({ sent: 0, failed: 0 });
  });

  it("respects the workspace's choice, the person's preference and a missing SMTP server", async () => {
    await waiting(20 * MIN);
    await setReminderMinutes(h.db, { workspaceId: h.workspace.id, minutes: null });
    expect((await run()).sent).toBe(0);
    await setReminderMinutes(h.db, { workspaceId: h.workspace.id, minutes: 15 });
    await saveNotificationPreferences(h.db, h.agent.id, {
      needsHuman: true,
      assigned: true,
      mine: true,
      sound: false,
      email: false,
    });
    expect((await run()).sent).toBe(0);
    await saveNotificationPreferences(h.db, h.agent.id, {
      needsHuman: true,
      assigned: true,
      mine: true,
      sound: false,
      email: true,
    });
    // Without SMTP nothing is claimed: the reminder goes once e-mail is set up.
    expect(await sendDueReminders(h.db, { smtp: null, appUrl: "https://parley.test" })).toEqual({
      sent: 0,
      failed: 0,
    });
    expect((await run()).sent).toBe(1);
  });

  it("another workspace's delay and conversations are its own", async () => {
    await h.conversation({
      in: h.elsewhere,
      wroteAgo: 20 * MIN,
      set: { assigneeId: h.outsider.id, unreadCount: 1 },
    });
    expect((await run()).sent).toBe(0);
  });
});
