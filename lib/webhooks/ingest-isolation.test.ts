import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { listInbox } from "@/db/queries/inbox";
import { contacts, conversations, messages, webhookDeliveries } from "@/db/schema";
import { provideReplyDeps } from "@/lib/bot/deps";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { provideAcceptingReplyDeps } from "@/lib/testing/reply-harness";
import { seedQuietWorkspace, webhookPoster } from "@/lib/testing/webhook-harness";
import { contact, envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";

describe.each(testDatabaseKinds)("one bad item never fails a delivery, on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedQuietWorkspace>>;
  const post = webhookPoster(() => handle.db);
  const text = (phone: string, body: string) => inbound({ phone }, "text", { text: { body } });
  const byWamid = (id: string) =>
    handle.db.select().from(messages).where(eq(messages.waMessageId, id));

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    provideAcceptingReplyDeps(handle.db);
    shop = await seedQuietWorkspace(handle.db, "Isolation Shop");
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    await handle.close();
  });

  it("stores the valid messages beside a null entry, change, message and status", async () => {
    const [one, two] = [text("254701100001", "first"), text("254701100002", "second")];
    const res = await post({
      object: "whatsapp_business_account",
      entry: [
        null,
        { id: "1", changes: [null, messagesChange(shop.phoneNumberId, { messages: [null, one] })] },
        {
          id: "1",
          changes: [messagesChange(shop.phoneNumberId, { messages: [two], statuses: [null] })],
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stored: 2, skipped: 4 });
    expect(await byWamid(one.id)).toHaveLength(1);
    expect(await byWamid(two.id)).toHaveLength(1);
    const kept = await handle.db
      .select()
      .from(webhookDeliveries)
      .where(sql`${webhookDeliveries.payload} = '{"entry":null}'::jsonb`);
    expect(kept).toHaveLength(1);
    const [withNull] = await handle.db
      .select()
      .from(webhookDeliveries)
      .where(sql`${webhookDeliveries.payload}::text like ${`%${one.id}%`}`);
    expect(withNull?.problems).toEqual([
      expect.objectContaining({ path: "entry[1].changes[1].value.messages[0]" }),
    ]);
  });

  it("stores a text too long for the search index in full, with the rest, and finds it", async () => {
    // Distinct words: a tsvector of the whole text would exceed PostgreSQL's 1 MB.
    const words = Array.from({ length: 400_000 }, (_, i) => `w${i.toString(36)}`).join(" ");
    const huge = `needlepoint ${words}`.slice(0, 2_000_000);
    const [before, long, after] = [
      text("254701200001", "before"),
      text("254701200002", huge),
      text("254701200003", "after"),
    ];
    const res = await post(
      envelope({
        wabaId: "1",
        changes: [messagesChange(shop.phoneNumberId, { messages: [before, long, after] })],
      }),
    );
    expect(res).toMatchObject({ status: 200, body: { stored: 3, skipped: 0 } });
    const [row] = await byWamid(long.id);
    expect(row?.text).toHaveLength(2_000_000);
    expect(await byWamid(after.id)).toHaveLength(1);
    // Alone in its delivery it takes the single-message path, which stores it too.
    const alone = text("254701200004", huge);
    expect(
      await post(
        envelope({
          wabaId: "1",
          changes: [messagesChange(shop.phoneNumberId, { messages: [alone] })],
        }),
      ),
    ).toMatchObject({ status: 200, body: { stored: 1 } });
    const page = await listInbox(handle.db, {
      workspaceId: shop.workspaceId,
      userId: "nobody",
      filter: "all",
      search: "needlepoint",
      limit: 10,
    });
    expect(page.rows).toHaveLength(2);
  });

  it("leaves out only the message PostgreSQL refuses, and records why", async () => {
    // Stands for any row the database refuses (a value out of range, a limit): a check constraint.
    await handle.db.execute(
      sql`alter table messages add constraint refuses_poison check (text is distinct from 'poison')`,
    );
    try {
      const [ok1, bad, ok2] = [
        text("254701300001", "fine"),
        text("254701300002", "poison"),
        text("254701300003", "also fine"),
      ];
      const res = await post(
        envelope({
          wabaId: "1",
          changes: [messagesChange(shop.phoneNumberId, { messages: [ok1, bad, ok2] })],
        }),
      );
      expect(res).toMatchObject({ status: 200, body: { stored: 2, skipped: 1 } });
      expect(await byWamid(ok1.id)).toHaveLength(1);
      expect(await byWamid(bad.id)).toHaveLength(0);
      expect(await byWamid(ok2.id)).toHaveLength(1);
      const [logged] = await handle.db
        .select()
        .from(webhookDeliveries)
        .where(sql`${webhookDeliveries.payload}::text like ${`%${bad.id}%`}`);
      expect(logged?.problems).toEqual([
        {
          path: "entry[0].changes[0].value.messages[1]",
          message: expect.stringMatching(/^not stored/),
        },
      ]);
      const alone = text("254701300004", "poison");
      const single = await post(
        envelope({
          wabaId: "1",
          changes: [messagesChange(shop.phoneNumberId, { messages: [alone] })],
        }),
      );
      expect(single).toMatchObject({ status: 200, body: { stored: 0, skipped: 1 } });
    } finally {
      await handle.db.execute(sql`alter table messages drop constraint refuses_poison`);
    }
  });

  it("stores a 3,500-message delivery from 3,500 customers once, however often it comes", async () => {
    const big = await seedQuietWorkspace(handle.db, "Busy Shop");
    // Storage is under test: 3,500 reply jobs would only slow it down.
    const store = webhookPoster(() => handle.db, { jobs: false });
    const phones = Array.from({ length: 3_500 }, (_, i) => `2547${String(10_000_000 + i)}`);
    const body = envelope({
      wabaId: "1",
      changes: [
        messagesChange(big.phoneNumberId, {
          contacts: phones.map((phone) => contact({ phone, name: `Customer ${phone}` })),
          messages: phones.map((phone) => text(phone, `order ${phone}`)),
        }),
      ],
    });
    expect(await store(body)).toMatchObject({
      status: 200,
      body: { stored: 3_500, duplicates: 0 },
    });
    expect(await store(body)).toMatchObject({
      status: 200,
      body: { stored: 0, duplicates: 3_500 },
    });
    const mine = eq(messages.workspaceId, big.workspaceId);
    expect(await handle.db.$count(messages, mine)).toBe(3_500);
    // Each new message waits for its reply, dispatched once.
    const states = await handle.db
      .selectDistinct({ state: messages.replyState })
      .from(messages)
      .where(mine);
    expect(states).toEqual([{ state: "pending" }]);
    expect(await handle.db.$count(contacts, eq(contacts.workspaceId, big.workspaceId))).toBe(3_500);
    const threads = await handle.db
      .select({ unread: conversations.unreadCount, preview: conversations.lastMessagePreview })
      .from(conversations)
      .where(eq(conversations.workspaceId, big.workspaceId));
    expect(threads).toHaveLength(3_500);
    expect(threads.every((t) => t.unread === 1 && t.preview?.startsWith("order "))).toBe(true);
  }, 120_000);
});
