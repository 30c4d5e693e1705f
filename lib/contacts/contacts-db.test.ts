import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type DatabaseHandle, provideDatabase } from "@/db";
import { recordAudit } from "@/db/queries/audit-log";
import { getContact, searchContacts } from "@/db/queries/contacts";
import { auditLog, contacts, conversations, messages, webhookDeliveries } from "@/db/schema";
import type { WorkspaceActor } from "@/lib/auth/access";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedQuietWorkspace, webhookPoster } from "@/lib/testing/webhook-harness";
import { contact, envelope, inbound, messagesChange } from "@/lib/testing/webhook-payloads";
import { importContacts, previewContactImport } from "./import-contacts";
import { eraseWorkspaceContact, updateWorkspaceContact } from "./manage-contacts";

const actorFor = (db: Database, workspaceId: string): WorkspaceActor => ({
  db,
  workspace: { id: workspaceId },
  audit: (action, target, details) =>
    recordAudit(db, {
      workspaceId,
      actorType: "user",
      actorId: null,
      action,
      target: target ?? null,
      details: details ?? null,
    }),
});

let counter = 0;
const phone = () => `2547${String(Date.now()).slice(-6)}${String(++counter).padStart(2, "0")}`;

describe.each(testDatabaseKinds)("Contacts on %s", (kind) => {
  let handle: DatabaseHandle;
  let post: ReturnType<typeof webhookPoster>;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    post = webhookPoster(() => handle.db, { jobs: false });
  });
  afterAll(() => handle.close());

  const contactsOf = (workspaceId: string) =>
    handle.db
      .select()
      .from(contacts)
      .where(eq(contacts.workspaceId, workspaceId))
      .orderBy(contacts.waId);

  const customerWrites = (
    ws: { phoneNumberId: string },
    who: { phone?: string; userId?: string },
    text: string,
  ) =>
    post(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(ws.phoneNumberId, {
            contacts: [contact({ ...who, name: "Writer" })],
            messages: [inbound(who, "text", { text: { body: text } })],
          }),
        ],
      }),
    );

  it("a file with a bad row writes nothing; fixed, it creates and then adds to contacts", async () => {
    const ws = await seedQuietWorkspace(handle.db, "Import Shop");
    const actor = actorFor(handle.db, ws.workspaceId);
    const [a, b] = [phone(), phone()];
    const bad = `phone,name,tags,attributes,opt_in_source\n+${a},Amina,vip,city=Nairobi,sign-up form\nnot a phone,Bad,,,\n`;
    const preview = await previewContactImport(actor, { text: bad });
    expect(preview.ok && preview.data).toMatchObject({
      counts: { create: 1, update: 0, unchanged: 0 },
      problems: ["Row 3: phone “not a phone” has letters in it"],
    });
    const refused = await importContacts(actor, { text: bad });
    expect(refused).toMatchObject({ ok: false, code: "invalid_file" });
    expect(await contactsOf(ws.workspaceId)).toEqual([]);

    const good = `phone,name,tags,attributes,opt_in_source\n+${a},Amina,vip,city=Nairobi,sign-up form\n+${b},Ben,,,\n`;
    expect(await importContacts(actor, { text: good })).toEqual({
      ok: true,
      data: { create: 2, update: 0, unchanged: 0 },
    });
    const [amina] = await contactsOf(ws.workspaceId);
    expect(amina).toMatchObject({
      waId: a,
      name: "Amina",
      tags: ["vip"],
      attributes: { city: "Nairobi" },
      marketingOptIn: "opted_in",
      marketingOptInSource: "sign-up form",
    });
    expect(amina?.marketingOptInAt).toBeInstanceOf(Date);

    // A second file adds tags and attributes, keeps the name it leaves empty, changes nothing else.
    const again = `phone,name,tags,attributes\n+${a},,guitar,tier=gold\n+${b},Ben,,\n`;
    expect(await importContacts(actor, { text: again })).toEqual({
      ok: true,
      data: { create: 0, update: 1, unchanged: 1 },
    });
    expect((await contactsOf(ws.workspaceId))[0]).toMatchObject({
      name: "Amina",
      tags: ["vip", "guitar"],
      attributes: { city: "Nairobi", tier: "gold" },
      marketingOptIn: "opted_in",
      marketingOptInSource: "sign-up form",
    });
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.workspaceId, ws.workspaceId), eq(auditLog.action, "contact.imported")),
      );
    expect(audits).toHaveLength(2);
  });

  it("an import matches a customer who already wrote, and filters find contacts by tag and last message", async () => {
    const ws = await seedQuietWorkspace(handle.db, "Filter Shop");
    const actor = actorFor(handle.db, ws.workspaceId);
    const [wrote, silent] = [phone(), phone()];
    await customerWrites(ws, { phone: wrote }, "hello");
    await importContacts(actor, {
      text: `phone,tags\n+${wrote},regular\n+${silent},regular; new\n`,
    });
    const all = await contactsOf(ws.workspaceId);
    expect(all.map((c) => [c.waId, c.name, c.tags])).toEqual([
      [wrote, "Writer", ["regular"]],
      [silent, null, ["regular", "new"]],
    ]);
    const search = (f: Parameters<typeof searchContacts>[1] extends infer P ? Partial<P> : never) =>
      searchContacts(handle.db, {
        workspaceId: ws.workspaceId,
        limit: 50,
        offset: 0,
        now: new Date(),
        ...f,
      }).then((r) => r.rows.map((c) => c.waId));
    expect(await search({ tag: "new" })).toEqual([silent]);
    expect(await search({ tag: "regular" })).toEqual([wrote, silent]);
    expect(await search({ last: "week" })).toEqual([wrote]);
    expect(await search({ last: "never" })).toEqual([silent]);
    expect(await search({ q: `+${wrote.slice(0, 3)} ${wrote.slice(3)}` })).toEqual([wrote]);
    expect(await search({ q: "writ" })).toEqual([wrote]);
    expect(await search({ optIn: "unknown" })).toEqual([wrote, silent]);
  });

  it("erasing removes the contact, their conversations, messages and raw webhooks, and nothing else", async () => {
    const ws = await seedQuietWorkspace(handle.db, "Erase Shop");
    const actor = actorFor(handle.db, ws.workspaceId);
    const [gone, stays] = [phone(), phone()];
    await customerWrites(ws, { phone: gone }, "my address is 12 Secret Road");
    await customerWrites(ws, { phone: gone }, "and my card ends 4242");
    await customerWrites(ws, { phone: stays }, "hello");
    const [target] = await handle.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ws.workspaceId), eq(contacts.waId, gone)));
    if (!target) throw new Error("contact missing");

    expect(await eraseWorkspaceContact(actor, { id: target.id })).toEqual({
      ok: true,
      data: { conversations: 1, messages: 2 },
    });
    expect((await contactsOf(ws.workspaceId)).map((c) => c.waId)).toEqual([stays]);
    const leftText = await handle.db
      .select({ text: messages.text })
      .from(messages)
      .where(eq(messages.workspaceId, ws.workspaceId));
    expect(leftText).toEqual([{ text: "hello" }]);
    expect(
      await handle.db.$count(conversations, eq(conversations.workspaceId, ws.workspaceId)),
    ).toBe(1);
    const raw = await handle.db
      .select({ payload: sql<string>`${webhookDeliveries.payload}::text` })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.workspaceId, ws.workspaceId));
    expect(raw).toHaveLength(1);
    expect(raw.some((r) => r.payload.includes(gone) || r.payload.includes("Secret Road"))).toBe(
      false,
    );
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.workspaceId), eq(auditLog.action, "contact.erased")));
    expect(audit).toMatchObject({
      target: target.id,
      details: { conversations: 1, messages: 2, webhookDeliveries: 2 },
    });
    expect(JSON.stringify(audit)).not.toContain(gone);
    // Once erased, there is nothing left to erase.
    expect(await eraseWorkspaceContact(actor, { id: target.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("one workspace can neither read, change nor erase another's contact", async () => {
    const mine = await seedQuietWorkspace(handle.db, "Mine");
    const theirs = await seedQuietWorkspace(handle.db, "Theirs");
    const shared = phone();
    await customerWrites(theirs, { phone: shared }, "hi");
    await importContacts(actorFor(handle.db, mine.workspaceId), {
      text: `phone,name\n+${shared},Mine's name\n`,
    });
    const [their] = await contactsOf(theirs.workspaceId);
    if (!their) throw new Error("contact missing");
    const me = actorFor(handle.db, mine.workspaceId);
    expect(await getContact(handle.db, { workspaceId: mine.workspaceId, id: their.id })).toBeNull();
    expect(await updateWorkspaceContact(me, { id: their.id, name: "Hijacked" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await eraseWorkspaceContact(me, { id: their.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await contactsOf(theirs.workspaceId)).toMatchObject([{ name: "Writer", waId: shared }]);
    expect(await handle.db.$count(messages, eq(messages.workspaceId, theirs.workspaceId))).toBe(1);
    expect(await contactsOf(mine.workspaceId)).toMatchObject([
      { name: "Mine's name", waId: shared },
    ]);
  });

  it("a customer stopping or resuming marketing inside WhatsApp sets the opt-in at once, latest first", async () => {
    const ws = await seedQuietWorkspace(handle.db, "Preferences Shop");
    const known = phone();
    const unknownUser = "KE.98765432109876543210";
    await customerWrites(ws, { phone: known }, "hi");
    const preferences = (items: unknown[]) =>
      post(
        envelope({
          wabaId: "1",
          changes: [
            {
              field: "user_preferences",
              value: {
                messaging_product: "whatsapp",
                metadata: {
                  display_phone_number: "15550001111",
                  phone_number_id: ws.phoneNumberId,
                },
                contacts: [{ profile: { name: "Writer" }, wa_id: known }],
                user_preferences: items,
              },
            },
          ],
        }),
      );
    const t = (s: number) => String(Math.floor(Date.now() / 1000) + s);
    const res = await preferences([
      {
        wa_id: known,
        detail: "User requested to stop marketing messages",
        category: "marketing_messages",
        value: "stop",
        timestamp: t(0),
      },
      {
        user_id: unknownUser,
        detail: "stop",
        category: "marketing_messages",
        value: "stop",
        timestamp: t(0),
      },
      { wa_id: known, category: "something_else", value: "stop", timestamp: t(0) },
    ]);
    expect(res.status).toBe(200);
    const byId = async () =>
      Object.fromEntries(
        (await contactsOf(ws.workspaceId)).map((c) => [
          c.waId ?? c.businessScopedUserId,
          [c.marketingOptIn, c.marketingOptInSource],
        ]),
      );
    expect(await byId()).toEqual({
      [known]: ["opted_out", "whatsapp"],
      [unknownUser]: ["opted_out", "whatsapp"],
    });
    // Resumed later; an older stop arriving after it changes nothing.
    await preferences([
      { wa_id: known, category: "marketing_messages", value: "resume", timestamp: t(60) },
    ]);
    await preferences([
      { wa_id: known, category: "marketing_messages", value: "stop", timestamp: t(30) },
    ]);
    expect((await byId())[known]).toEqual(["opted_in", "whatsapp"]);
    const [delivery] = await handle.db
      .select({ problems: webhookDeliveries.problems })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.workspaceId, ws.workspaceId),
          eq(webhookDeliveries.field, "user_preferences"),
        ),
      )
      .limit(1);
    expect(delivery).toBeDefined();
  });

  it("usernames Meta sends are kept on the contact", async () => {
    const ws = await seedQuietWorkspace(handle.db, "Username Shop");
    const userId = "KE.11112222333344445555";
    await post(
      envelope({
        wabaId: "1",
        changes: [
          messagesChange(ws.phoneNumberId, {
            contacts: [{ profile: { name: "Zawadi", username: "zawadi.k" }, user_id: userId }],
            messages: [inbound({ userId }, "text", { text: { body: "hi" } })],
          }),
        ],
      }),
    );
    expect(await contactsOf(ws.workspaceId)).toMatchObject([
      { waId: null, businessScopedUserId: userId, username: "zawadi.k", name: "Zawadi" },
    ]);
  });
});
