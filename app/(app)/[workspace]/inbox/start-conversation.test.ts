import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { contacts, conversations, messages } from "@/db/schema";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { type InboxHarness, startInboxHarness } from "@/lib/testing/inbox-harness";

// Starting a conversation from the inbox or a contact, as the browser calls it, through the real
// guard and database, the reply job sending through the Graph API emulator.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const actions = await import("./actions");

const template = (values: Record<string, string>) => ({
  clientId: randomUUID(),
  name: "order_update",
  language: "en_US",
  values,
});
const filled = { "body.1": "Ana", "body.2": "778", "body.3": "shipped" };

describe.each(testDatabaseKinds)("starting a conversation on %s", (kind) => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await startInboxHarness(kind);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  it("starts one with a new phone number: the agent has it, the template is sent once", async () => {
    signedIn.user = h.agent;
    const input = { ...template(filled), phone: "+351 912 000 301" };
    const first = await actions.startConversationAction(h.workspace.slug, input);
    const again = await actions.startConversationAction(h.workspace.slug, input);
    expect(first).toEqual({ ok: true, data: { conversationId: expect.any(String) } });
    expect(again).toEqual(first);
    await h.settle();
    const id = first.ok ? first.data.conversationId : "";
    const after = await h.snapshot(id);
    expect(after.conversation).toMatchObject({ status: "human", assigneeId: h.agent.id });
    expect(after.outbound).toMatchObject([
      {
        type: "template",
        text: "Hi Ana, your order 778 is shipped.",
        status: "sent",
        sentBy: h.agent.id,
      },
    ]);
    expect(after.events.map((e) => e.kind)).toEqual(["took_over"]);
    expect(h.sends.filter((s) => s.body.to === "+351912000301")).toHaveLength(1);
  });

  it("starts one with a contact, and refuses a customer who sent STOP", async () => {
    signedIn.user = h.agent;
    const [contact] = await h.db
      .insert(contacts)
      .values({ workspaceId: h.workspace.id, waId: "351912000302", name: "Rui" })
      .returning();
    const contactId = contact?.id ?? "";
    const started = await actions.startConversationAction(h.workspace.slug, {
      ...template(filled),
      contactId,
    });
    expect(started).toMatchObject({ ok: true });
    await h.db.update(contacts).set({ optedOut: true }).where(eq(contacts.id, contactId));
    const refused = await actions.startConversationAction(h.workspace.slug, {
      ...template(filled),
      contactId,
    });
    expect(refused).toMatchObject({
      ok: false,
      code: "opted_out",
      message: expect.stringContaining("STOP"),
    });
    await h.settle();
    const sent = await h.db
      .select()
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(eq(conversations.contactId, contactId));
    expect(sent).toHaveLength(1);
  });

  it("says what is missing, writing nothing", async () => {
    signedIn.user = h.agent;
    const slug = h.workspace.slug;
    expect(await actions.startConversationAction(slug, template(filled))).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { phone: "Choose a contact or type a phone number." },
    });
    expect(
      await actions.startConversationAction(slug, { ...template(filled), phone: "0912 000" }),
    ).toMatchObject({
      ok: false,
      code: "invalid_phone",
      fieldErrors: { phone: expect.any(String) },
    });
    expect(
      await actions.startConversationAction(slug, {
        ...template({ "body.1": "Ana" }),
        phone: "+351 912 000 303",
      }),
    ).toMatchObject({ ok: false, code: "invalid_template_parameters" });
    expect(await h.db.select().from(contacts).where(eq(contacts.waId, "351912000303"))).toEqual([]);
    signedIn.user = h.outsider;
    expect(
      await actions.startConversationAction(slug, { ...template(filled), phone: "+351912000303" }),
    ).toMatchObject({ ok: false, code: "not_member" });
  });
});
