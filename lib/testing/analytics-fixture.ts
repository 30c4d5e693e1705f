import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { upsertContactByIdentity, upsertConversationForMessage } from "@/db/queries/webhooks";
import {
  channels,
  contacts,
  conversationEvents,
  conversations,
  escalations,
  messages,
} from "@/db/schema";
import { seedWorkspace, uniquePhoneNumberId } from "./fixtures";

// A small history whose analytics are worked out by hand in the tests. Times are São Paulo local
// time (UTC-3, no daylight saving since 2019). The range is Monday 2 to Wednesday 4 March 2026;
// Tuesday has no activity at all. Messages written as "23:30" on a local day fall on the next
// day in UTC. Another workspace writes on every day, Tuesday included, with figures that would
// show if they leaked.

export const SAO_PAULO = "America/Sao_Paulo";

/** Local São Paulo time to an instant. */
export const local = (time: string) => new Date(`${time}-03:00`);

export const RANGE = {
  from: local("2026-03-02T12:00:00"),
  to: local("2026-03-04T12:00:00"),
  timeZone: SAO_PAULO,
};

type Ws = { workspaceId: string; channelId: string };
type Reply = {
  source: "faq" | "ai" | "system" | "human";
  /** The bot's reply kind (`reply_kind`); people's replies have none. */
  kind?: "answer" | "fallback" | "handoff" | "opt_out";
  status: "pending" | "sent" | "delivered" | "read" | "played" | "failed";
  replyTo?: string;
  /** For failed messages: whether WhatsApp had accepted them. */
  accepted?: boolean;
  errorCode?: number;
  ai?: { model: string; prompt: number; completion: number; costMicros: number | null };
};

const wamid = () => `wamid.${randomBytes(10).toString("hex")}`;

/** A customer's conversation, to write its messages, replies and hand-offs at given times. */
export async function thread(
  db: Database,
  ws: Ws,
  who: { waId: string; name: string },
  startedAt: Date,
) {
  const contactId = await upsertContactByIdentity(db, {
    workspaceId: ws.workspaceId,
    waId: who.waId,
    userId: null,
    name: who.name,
  });
  const id = await upsertConversationForMessage(db, { ...ws, contactId, at: startedAt });
  await db.update(conversations).set({ createdAt: startedAt }).where(eq(conversations.id, id));
  const conversation = { ...ws, id, contactId };
  return {
    ...conversation,
    in: async (time: string, text: string) => {
      const [row] = await db
        .insert(messages)
        .values({
          workspaceId: ws.workspaceId,
          conversationId: id,
          channelId: ws.channelId,
          direction: "inbound",
          waMessageId: wamid(),
          type: "text",
          text,
          status: "received",
          replyState: "handled",
          createdAt: local(time),
        })
        .returning({ id: messages.id });
      return row?.id ?? "";
    },
    out: async (time: string, r: Reply) => {
      const sentToWhatsapp = r.status !== "pending" && (r.status !== "failed" || r.accepted);
      const [row] = await db
        .insert(messages)
        .values({
          workspaceId: ws.workspaceId,
          conversationId: id,
          channelId: ws.channelId,
          direction: "outbound",
          waMessageId: sentToWhatsapp ? wamid() : null,
          type: "text",
          text: "reply",
          replyKind: r.kind ?? null,
          status: r.status,
          errorCode: r.errorCode ?? null,
          source: r.source,
          aiModel: r.ai?.model ?? null,
          promptTokens: r.ai?.prompt ?? null,
          completionTokens: r.ai?.completion ?? null,
          costMicros: r.ai?.costMicros ?? null,
          replyToId: r.replyTo ?? null,
          replyKey: r.replyTo && r.kind ? `${r.replyTo}:${r.kind}` : null,
          createdAt: local(time),
        })
        .returning({ id: messages.id });
      return row?.id ?? "";
    },
    escalate: async (
      time: string,
      messageId: string,
      reason: typeof escalations.$inferInsert.reason,
      notified: { whatsapp?: boolean; email?: boolean; error?: string } = {},
    ) => {
      const at = local(time);
      await db.insert(escalations).values({
        workspaceId: ws.workspaceId,
        conversationId: id,
        messageId,
        reason,
        whatsappNotifiedAt: notified.whatsapp ? at : null,
        emailNotifiedAt: notified.email ? at : null,
        notifyError: notified.error ?? null,
        createdAt: at,
      });
    },
    event: async (time: string, kind: typeof conversationEvents.$inferInsert.kind) => {
      await db.insert(conversationEvents).values({
        workspaceId: ws.workspaceId,
        conversationId: id,
        kind,
        createdAt: local(time),
      });
    },
    optOut: async (time: string) => {
      await db
        .update(contacts)
        .set({ optedOut: true, optedOutAt: local(time) })
        .where(eq(contacts.id, contactId));
      await db.insert(conversationEvents).values({
        workspaceId: ws.workspaceId,
        conversationId: id,
        kind: "opted_out",
        createdAt: local(time),
      });
    },
    optIn: async (time: string) => {
      await db
        .update(contacts)
        .set({ optedOut: false, optedOutAt: null })
        .where(eq(contacts.id, contactId));
      await db.insert(conversationEvents).values({
        workspaceId: ws.workspaceId,
        conversationId: id,
        kind: "opted_in",
        createdAt: local(time),
      });
    },
  };
}

/** Seeds the shop (São Paulo) and its neighbour; see the tests for the figures they give. */
export async function seedAnalyticsFixture(db: Database) {
  const shop = await seedWorkspace(db, "Loja");
  const other = await seedWorkspace(db, "Vizinho");
  const [second] = await db
    .insert(channels)
    .values({ workspaceId: shop.workspaceId, phoneNumberId: uniquePhoneNumberId() })
    .returning({ id: channels.id });
  const shopSecond = { workspaceId: shop.workspaceId, channelId: second?.id ?? "" };

  // Ana: FAQ, AI and fallback answers, a hand-off, and a person's replies (one failed).
  const ana = await thread(
    db,
    shop,
    { waId: "5511900000001", name: "Ana" },
    local("2026-03-02T09:00:00"),
  );
  const m1 = await ana.in("2026-03-02T09:00:00", "Hi, what are your opening hours?");
  await ana.out("2026-03-02T09:00:04", {
    source: "faq",
    kind: "answer",
    status: "read",
    replyTo: m1,
  });
  const m3 = await ana.in("2026-03-02T09:05:00", "Do you sell gift cards?");
  await ana.out("2026-03-02T09:05:06", {
    source: "ai",
    kind: "answer",
    status: "delivered",
    replyTo: m3,
    ai: { model: "gpt-4o-mini", prompt: 100, completion: 20, costMicros: 300 },
  });
  const m5 = await ana.in("2026-03-02T09:06:00", "Do you deliver to Niterói?");
  await ana.out("2026-03-02T09:06:02", {
    source: "system",
    kind: "fallback",
    status: "sent",
    replyTo: m5,
  });
  await ana.escalate("2026-03-02T09:06:03", m5, "unanswered", { whatsapp: true });
  await ana.in("2026-03-02T09:07:00", "hello?");
  await ana.out("2026-03-02T09:16:00", { source: "human", status: "played" });
  await ana.out("2026-03-02T09:16:30", {
    source: "human",
    status: "failed",
    accepted: true,
    errorCode: 131026,
  });

  // Bruno: writes at 23:30 local (02:30 UTC the next day); the AI answer is refused, so a person
  // is asked and never answers. He opts out on Wednesday.
  const bruno = await thread(
    db,
    shop,
    { waId: "5511900000002", name: "Bruno" },
    local("2026-03-02T23:30:00"),
  );
  const m9 = await bruno.in("2026-03-02T23:30:00", "Can I pay by Pix?");
  await bruno.out("2026-03-02T23:30:03", {
    source: "ai",
    kind: "answer",
    status: "failed",
    errorCode: 131047,
    replyTo: m9,
    ai: { model: "gpt-4.1", prompt: 200, completion: 50, costMicros: 1200 },
  });
  await bruno.escalate("2026-03-02T23:30:04", m9, "reply_failed", { email: true });
  const m11 = await bruno.in("2026-03-04T10:00:00", "STOP");
  await bruno.out("2026-03-04T10:00:01", {
    source: "system",
    kind: "opt_out",
    status: "delivered",
    replyTo: m11,
  });
  await bruno.optOut("2026-03-04T10:00:01");
  // …and he opts back in the same evening: one opt-out and one opt-in in the range.
  await bruno.optIn("2026-03-04T18:00:00");

  // Carla: an older conversation. Her first question comes the evening before the range and
  // is handed off inside it; her Wednesday 23:30 question gets the fallback, and a person answers
  // after the range has ended.
  const carla = await thread(
    db,
    shop,
    { waId: "5511900000003", name: "Carla" },
    local("2026-02-20T10:00:00"),
  );
  await carla.optOut("2026-03-01T08:00:00");
  const m13 = await carla.in("2026-03-01T23:50:00", "Is the store open on Sunday?");
  await carla.escalate("2026-03-01T23:50:30", m13, "outside_hours");
  await carla.escalate("2026-03-02T00:00:30", m13, "unanswered");
  const m14 = await carla.in("2026-03-02T00:10:00", "hello??");
  await carla.out("2026-03-02T00:10:05", {
    source: "faq",
    kind: "answer",
    status: "read",
    replyTo: m14,
  });
  const m16 = await carla.in("2026-03-04T23:30:00", "Do you deliver to Niteroi");
  await carla.out("2026-03-04T23:30:05", {
    source: "system",
    kind: "fallback",
    status: "delivered",
    replyTo: m16,
  });
  await carla.escalate("2026-03-04T23:30:06", m16, "unanswered", { email: true });
  await carla.out("2026-03-05T00:30:00", { source: "human", status: "sent" });

  // Duda: starts on Wednesday 22:00 local (01:00 UTC Thursday) asking for a person, who takes
  // over; her thanks get no answer (a reply is still queued).
  const duda = await thread(
    db,
    shop,
    { waId: "5511900000004", name: "Duda" },
    local("2026-03-04T22:00:00"),
  );
  const m19 = await duda.in("2026-03-04T22:00:00", "human please");
  await duda.out("2026-03-04T22:00:01", {
    source: "system",
    kind: "handoff",
    status: "read",
    replyTo: m19,
  });
  await duda.escalate("2026-03-04T22:00:02", m19, "requested", {
    whatsapp: true,
    error: "mail refused",
  });
  await duda.event("2026-03-04T22:19:00", "took_over");
  await duda.out("2026-03-04T22:20:00", { source: "human", status: "delivered" });
  await duda.in("2026-03-04T22:25:00", "thanks");
  await duda.out("2026-03-04T22:26:00", { source: "human", status: "pending" });
  await duda.event("2026-03-04T22:40:00", "handed_back");
  await duda.event("2026-03-05T10:00:00", "took_over");

  // Ana again, on the shop's second number: one contact, two conversations.
  const anaSecond = await thread(
    db,
    shopSecond,
    { waId: "5511900000001", name: "Ana" },
    local("2026-03-02T10:00:00"),
  );
  await anaSecond.in("2026-03-02T10:00:00", "Hello from the second number");
  await anaSecond.in("2026-03-04T12:00:00", "Anyone there?");

  // The neighbour, busy every day, Tuesday included.
  const zoe = await thread(
    db,
    other,
    { waId: "5511900000001", name: "Zoe" },
    local("2026-03-03T12:00:00"),
  );
  for (const day of ["2026-03-02", "2026-03-03", "2026-03-04"]) {
    const q = await zoe.in(`${day}T09:00:00`, "Do you deliver to Niterói?");
    await zoe.out(`${day}T09:00:01`, {
      source: "system",
      kind: "fallback",
      status: "read",
      replyTo: q,
    });
    await zoe.escalate(`${day}T09:00:02`, q, "unanswered", { whatsapp: true, email: true });
    const a = await zoe.in(`${day}T10:00:00`, "Price?");
    await zoe.out(`${day}T10:00:02`, {
      source: "ai",
      kind: "answer",
      status: "failed",
      errorCode: 131000,
      replyTo: a,
      ai: { model: "gpt-4o-mini", prompt: 999, completion: 99, costMicros: 9999 },
    });
    await zoe.out(`${day}T10:30:00`, { source: "human", status: "read" });
    await zoe.event(`${day}T10:29:00`, "took_over");
  }
  await zoe.optOut("2026-03-03T12:00:00");

  return { shop, other, conversations: { ana, bruno, carla, duda, anaSecond } };
}
