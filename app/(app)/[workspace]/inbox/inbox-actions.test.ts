import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { type InboxHarness, startInboxHarness } from "@/lib/testing/inbox-harness";

// The inbox's actions as the browser calls them, through the real guard and database, with the
// reply job sending through the Graph API emulator; only the session and Next's navigation are
// stand-ins.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const actions = await import("./actions");

const HOUR = 60 * 60 * 1000;

describe.each(testDatabaseKinds)("inbox actions on %s", (kind) => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await startInboxHarness(kind);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  // Every action on one conversation; each is called only when a test runs it.
  const everyAction = (slug: string, conversationId: string, assigneeId: string) => [
    () => actions.takeOverAction(slug, { conversationId }),
    () => actions.handBackAction(slug, { conversationId }),
    () => actions.closeAction(slug, { conversationId }),
    () => actions.reopenAction(slug, { conversationId }),
    () => actions.assignAction(slug, { conversationId, assigneeId }),
    () => actions.assignAction(slug, { conversationId, assigneeId: null }),
    () => actions.markReadAction(slug, { conversationId }),
    () => actions.addNoteAction(slug, { conversationId, body: "a note" }),
    () =>
      actions.sendTextAction(slug, { conversationId, clientId: randomUUID(), text: "Hello there" }),
    () =>
      actions.sendTemplateAction(slug, {
        conversationId,
        clientId: randomUUID(),
        name: "hello_world",
        language: "en_US",
        values: { "body.1": "Ana" },
      }),
  ];
  // The assignee is the one acting, a member of the workspace they call.
  const all = async (slug: string, conversationId: string) => {
    const results = [];
    const assigneeId = signedIn.user?.id ?? h.agent.id;
    for (const call of everyAction(slug, conversationId, assigneeId)) results.push(await call());
    return results;
  };

  it("refuses the signed-out and outsiders every action, writing nothing", async () => {
    const { id } = await h.conversation({ set: { unreadCount: 2, needsHuman: true } });
    const before = await h.snapshot(id);
    for (const r of await all(h.workspace.slug, id)) {
      expect(r).toMatchObject({ ok: false, code: "signed_out" });
    }
    signedIn.user = h.outsider;
    for (const r of await all(h.workspace.slug, id)) {
      expect(r).toMatchObject({ ok: false, code: "not_member" });
    }
    await h.settle();
    expect(await h.snapshot(id)).toEqual(before);
    expect(h.sends.filter((s) => s.path.includes(h.shop.phoneNumberId))).toEqual([]);
  });

  it("refuses invalid input field by field, writing nothing", async () => {
    const { id } = await h.conversation();
    const before = await h.snapshot(id);
    signedIn.user = h.agent;
    const slug = h.workspace.slug;
    expect(await actions.takeOverAction(slug, { conversationId: "42" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { conversationId: "Conversation not found." },
    });
    expect(await actions.addNoteAction(slug, { conversationId: id, body: "   " })).toMatchObject({
      code: "invalid",
      fieldErrors: { body: "Write the note first." },
    });
    expect(
      await actions.sendTextAction(slug, { conversationId: id, clientId: randomUUID(), text: "" }),
    ).toMatchObject({ code: "invalid", fieldErrors: { text: "Write a message first." } });
    expect(
      await actions.sendTextAction(slug, { conversationId: id, clientId: "1", text: "Hi" }),
    ).toMatchObject({
      code: "invalid",
      fieldErrors: { clientId: "Reload the page and try again." },
    });
    expect(
      await actions.sendTextAction(slug, {
        conversationId: id,
        clientId: randomUUID(),
        text: "x".repeat(4097),
      }),
    ).toMatchObject({ code: "invalid", fieldErrors: { text: expect.stringContaining("4096") } });
    expect(
      await actions.sendTemplateAction(slug, {
        conversationId: id,
        clientId: randomUUID(),
        name: "hello_world",
        language: "en_US",
        values: { "body.1": "Ana\nSilva" },
      }),
    ).toMatchObject({
      code: "invalid",
      fieldErrors: { "values.body.1": expect.stringContaining("line breaks") },
    });
    await h.settle();
    expect(await h.snapshot(id)).toEqual(before);
  });

  it("lets an agent take over, note, assign, mark read, hand back, close and reopen", async () => {
    const { id } = await h.conversation({ set: { unreadCount: 3, needsHuman: true } });
    signedIn.user = h.agent;
    const slug = h.workspace.slug;
    const ok = { ok: true, data: { changed: true } };
    expect(await actions.takeOverAction(slug, { conversationId: id })).toEqual(ok);
    expect((await h.snapshot(id)).conversation).toMatchObject({
      status: "human",
      needsHuman: false,
      assigneeId: h.agent.id,
    });
    expect(
      await actions.addNoteAction(slug, { conversationId: id, body: " Wants a refund " }),
    ).toMatchObject({ ok: true, data: { id: expect.any(String) } });
    expect(
      await actions.assignAction(slug, { conversationId: id, assigneeId: h.admin.id }),
    ).toEqual(ok);
    expect(await actions.markReadAction(slug, { conversationId: id })).toEqual(ok);
    expect(await actions.handBackAction(slug, { conversationId: id })).toEqual(ok);
    expect(await actions.closeAction(slug, { conversationId: id })).toEqual(ok);
    expect(await actions.reopenAction(slug, { conversationId: id })).toEqual(ok);
    const after = await h.snapshot(id);
    expect(after.conversation).toMatchObject({
      status: "bot",
      assigneeId: h.admin.id,
      unreadCount: 0,
    });
    expect(after.events.map((e) => [e.kind, e.actorId, e.body])).toEqual([
      ["took_over", h.agent.id, null],
      ["note", h.agent.id, "Wants a refund"],
      ["assigned", h.agent.id, h.admin.id],
      ["handed_back", h.agent.id, null],
      ["closed", h.agent.id, null],
      ["reopened", h.agent.id, null],
    ]);
    expect(await actions.reopenAction(slug, { conversationId: id })).toEqual({
      ok: true,
      data: { changed: false },
    });
  });

  it("refuses an assignee who is not a member, on the field", async () => {
    const { id } = await h.conversation();
    signedIn.user = h.agent;
    expect(
      await actions.assignAction(h.workspace.slug, {
        conversationId: id,
        assigneeId: h.outsider.id,
      }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { assigneeId: expect.any(String) },
    });
    expect((await h.snapshot(id)).conversation?.assigneeId).toBeNull();
  });

  it("a member of one workspace finds no conversation of another, writing nothing", async () => {
    const theirs = await h.conversation({ in: h.elsewhere, set: { unreadCount: 1 } });
    const mine = await h.conversation({ set: { unreadCount: 1 } });
    const before = [await h.snapshot(theirs.id), await h.snapshot(mine.id)];
    signedIn.user = h.agent;
    for (const r of await all(h.workspace.slug, theirs.id)) {
      expect(r).toMatchObject({ ok: false, code: "not_found" });
    }
    signedIn.user = h.outsider;
    for (const r of await all(h.other.slug, mine.id)) {
      expect(r).toMatchObject({ ok: false, code: "not_found" });
    }
    await h.settle();
    expect([await h.snapshot(theirs.id), await h.snapshot(mine.id)]).toEqual(before);
  });

  it("queues a text reply that the job sends through WhatsApp; a double submit sends once", async () => {
    const { id, waId } = await h.conversation({ set: { needsHuman: true } });
    signedIn.user = h.agent;
    const input = { conversationId: id, clientId: randomUUID(), text: "Hi! *Ana* here." };
    const first = await actions.sendTextAction(h.workspace.slug, input);
    const second = await actions.sendTextAction(h.workspace.slug, input);
    expect(first).toEqual({
      ok: true,
      data: { messageId: expect.any(String), conversationId: id, tookOver: true },
    });
    expect(second).toEqual({
      ok: true,
      data: {
        messageId: first.ok ? first.data.messageId : "",
        conversationId: id,
        tookOver: false,
      },
    });
    await h.settle();
    const after = await h.snapshot(id);
    expect(after.outbound).toHaveLength(1);
    expect(after.outbound[0]).toMatchObject({
      type: "text",
      text: "Hi! *Ana* here.",
      status: "sent",
      queueState: "handled",
      source: "human",
      sentBy: h.agent.id,
      waMessageId: expect.stringMatching(/^wamid\./),
    });
    expect(after.conversation).toMatchObject({
      status: "human",
      needsHuman: false,
      assigneeId: h.agent.id,
      lastMessagePreview: "Hi! *Ana* here.",
    });
    const sent = h.sends.filter((s) => (s.body as { to?: string }).to === `+${waId}`);
    expect(sent).toEqual([
      {
        path: `/v25.0/${h.shop.phoneNumberId}/messages`,
        authorization: `Bearer ${h.shop.token}`,
        body: expect.objectContaining({
          type: "text",
          text: expect.objectContaining({ body: "Hi! *Ana* here." }),
        }),
      },
    ]);
  });

  it("refuses free text once the 24-hour window closed, and sends a filled-in template", async () => {
    const { id, waId } = await h.conversation({ wroteAgo: 30 * HOUR });
    signedIn.user = h.agent;
    const slug = h.workspace.slug;
    const before = await h.snapshot(id);
    expect(
      await actions.sendTextAction(slug, {
        conversationId: id,
        clientId: randomUUID(),
        text: "Hi",
      }),
    ).toMatchObject({ ok: false, code: "window_closed" });
    const template = {
      conversationId: id,
      clientId: randomUUID(),
      name: "order_update",
      language: "en_US",
    };
    expect(
      await actions.sendTemplateAction(slug, {
        ...template,
        values: { "body.1": "Ana", "body.3": "shipped" },
      }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { "values.body.2": "Fill this in." },
    });
    expect(
      await actions.sendTemplateAction(slug, { ...template, values: { "body.2": "778" } }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { "values.body.1": "Fill this in.", "values.body.3": "Fill this in." },
    });
    expect(
      await actions.sendTemplateAction(slug, { ...template, name: "no_such_template", values: {} }),
    ).toMatchObject({ ok: false, code: "invalid", fieldErrors: { name: expect.any(String) } });
    expect(
      await actions.sendTemplateAction(slug, {
        ...template,
        language: "pt_PT",
        values: { "body.1": "Ana", "body.2": "778", "body.3": "shipped" },
      }),
    ).toMatchObject({ ok: false, code: "invalid", fieldErrors: { name: expect.any(String) } });
    await h.settle();
    expect(await h.snapshot(id)).toEqual(before);

    const queued = await actions.sendTemplateAction(slug, {
      ...template,
      values: { "body.1": "Ana", "body.2": " 778 ", "body.3": "shipped" },
    });
    expect(queued).toMatchObject({ ok: true, data: { tookOver: true } });
    await h.settle();
    const after = await h.snapshot(id);
    expect(after.outbound).toMatchObject([
      {
        type: "template",
        text: "Hi Ana, your order 778 is shipped.",
        status: "sent",
        waMessageId: expect.stringMatching(/^wamid\./),
      },
    ]);
    expect(after.conversation).toMatchObject({ status: "human", assigneeId: h.agent.id });
    const sent = h.sends.filter((s) => (s.body as { to?: string }).to === `+${waId}`);
    expect(sent.map((s) => s.body)).toEqual([
      {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: `+${waId}`,
        // Names the reply's row, so its status webhooks record it even after a crash mid-send.
        biz_opaque_callback_data: expect.stringMatching(/^m:[0-9a-f-]{36}$/),
        type: "template",
        template: {
          name: "order_update",
          language: { code: "en_US" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "Ana" },
                { type: "text", text: "778" },
                { type: "text", text: "shipped" },
              ],
            },
          ],
        },
      },
    ]);
  });
});
