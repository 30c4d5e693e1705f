import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addNote } from "@/db/queries/inbox-actions";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation } from "@/lib/testing/fixtures";
import { signedIn } from "@/lib/testing/guard-stubs";
import { type InboxHarness, startInboxHarness } from "@/lib/testing/inbox-harness";

// The inbox's JSON routes as the browser polls them, through the real guard and database, with
// templates listed from the Graph API emulator; only the session is a stand-in.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { GET: feed } = await import("./feed/route");
const { GET: thread } = await import("./[conversationId]/thread/route");
const { GET: templates } = await import("./[conversationId]/templates/route");

type Answer = { status: number; body: Record<string, unknown> };

describe.each(testDatabaseKinds)("inbox routes on %s", (kind) => {
  let h: InboxHarness;
  let needsHuman: string;
  let closed: { id: string; waId: string };
  let mine: string;
  let theirs: string;

  beforeAll(async () => {
    h = await startInboxHarness(kind);
    needsHuman = (await h.conversation({ set: { needsHuman: true } })).id;
    closed = await h.conversation({ set: { status: "closed", unreadCount: 2 } });
    mine = (
      await h.conversation({ set: { status: "human", assigneeId: h.agent.id, unreadCount: 1 } })
    ).id;
    theirs = (await h.conversation({ in: h.elsewhere, set: { needsHuman: true } })).id;
  });
  afterAll(() => h.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  const answer = async (res: Response): Promise<Answer> => ({
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  });
  const getFeed = async (query = "", slug = h.workspace.slug) =>
    answer(
      await feed(new Request(`http://test/${slug}/inbox/feed${query}`), {
        params: Promise.resolve({ workspace: slug }),
      }),
    );
  const getThread = async (conversationId: string, query = "", slug = h.workspace.slug) =>
    answer(
      await thread(new Request(`http://test/${slug}/inbox/${conversationId}/thread${query}`), {
        params: Promise.resolve({ workspace: slug, conversationId }),
      }),
    );
  const getTemplates = async (conversationId: string, slug = h.workspace.slug) =>
    answer(
      await templates(new Request(`http://test/${slug}/inbox/${conversationId}/templates`), {
        params: Promise.resolve({ workspace: slug, conversationId }),
      }),
    );

  it("refuses the signed-out (401) and outsiders (404) on every route", async () => {
    for (const get of [() => getFeed(), () => getThread(mine), () => getTemplates(mine)]) {
      signedIn.user = null;
      expect(await get()).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
      signedIn.user = h.outsider;
      expect(await get()).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    }
  });

  it("the feed gives an agent the open conversations and every tab's count", async () => {
    signedIn.user = h.agent;
    const all = await getFeed();
    expect(all.status).toBe(200);
    expect(all.body.counts).toEqual({
      all: 2,
      needs_human: 1,
      bot: 1,
      closed: 1,
      mine: 1,
      unread: 1,
      // The one waiting for a person, and the agent's own with a message unread.
      waiting: 2,
      snoozed: 0,
    });
    const ids = (page: Answer) => (page.body.rows as Array<{ id: string }>).map((r) => r.id);
    expect(ids(all).sort()).toEqual([needsHuman, mine].sort());
    expect(all.body.next).toBeNull();
    expect(ids(await getFeed("?filter=closed"))).toEqual([closed.id]);
    expect(ids(await getFeed("?filter=mine"))).toEqual([mine]);
    expect(ids(await getFeed(`?filter=closed&q=${closed.waId.slice(0, 8)}`))).toEqual([closed.id]);
    // An unknown tab is the default one; a made-up cursor is refused.
    expect(ids(await getFeed("?filter=everything")).sort()).toEqual([needsHuman, mine].sort());
    expect(await getFeed("?after=not-a-cursor")).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_cursor" } },
    });
    // The outsider's own workspace lists only its own conversation.
    signedIn.user = h.outsider;
    const theirFeed = await getFeed("", h.other.slug);
    expect(ids(theirFeed)).toEqual([theirs]);
  });

  it("the thread gives the conversation, its messages and notes, and pages back", async () => {
    signedIn.user = h.agent;
    await addNote(h.db, {
      workspaceId: h.workspace.id,
      conversationId: mine,
      userId: h.agent.id,
      body: "Called the courier",
    });
    const view = await getThread(mine);
    expect(view).toMatchObject({
      status: 200,
      body: {
        conversation: { id: mine, status: "human", assignee: { id: h.agent.id } },
        messages: [{ direction: "inbound", text: "message 1" }],
        events: [{ kind: "note", body: "Called the courier", actor: { id: h.agent.id } }],
        earlier: null,
      },
    });
    // Tokens never leave the server.
    expect(JSON.stringify(view.body)).not.toContain("ccessToken");

    const long = await seedConversation(h.db, h.shop, {
      waId: "351960000061",
      start: new Date(Date.now() - 3_600_000),
      count: 61,
    });
    const latest = await getThread(long.id);
    const texts = (page: Answer) =>
      (page.body.messages as Array<{ text: string }>).map((m) => m.text);
    expect(texts(latest)).toHaveLength(60);
    expect(texts(latest)[0]).toBe("message 2");
    expect(typeof latest.body.earlier).toBe("string");
    const earlier = await getThread(long.id, `?before=${latest.body.earlier}`);
    expect(earlier).toMatchObject({ status: 200, body: { earlier: null } });
    expect(texts(earlier)).toEqual(["message 1"]);
    // A made-up cursor, or the conversation list's, is refused rather than failing.
    const listCursor = Buffer.from(
      JSON.stringify({ at: "2026-11-01 10:00:00+00", id: long.id }),
    ).toString("base64url");
    for (const before of ["not-a-cursor", listCursor]) {
      expect(await getThread(long.id, `?before=${before}`)).toMatchObject({
        status: 400,
        body: { error: { code: "invalid_cursor" } },
      });
    }
  });

  it("the thread is not found for another workspace's conversation, an unknown id or a non-uuid", async () => {
    signedIn.user = h.agent;
    for (const id of [theirs, "00000000-0000-4000-8000-000000000000", "not-a-uuid", "1"]) {
      expect(await getThread(id)).toMatchObject({
        status: 404,
        body: { error: { code: "not_found" } },
      });
      expect(await getTemplates(id)).toMatchObject({
        status: 404,
        body: { error: { code: "not_found" } },
      });
    }
    signedIn.user = h.outsider;
    expect(await getThread(mine, "", h.other.slug)).toMatchObject({ status: 404 });
    expect(await getThread(theirs, "", h.other.slug)).toMatchObject({ status: 200 });
  });

  it("lists the number's approved templates with the parameters to fill in", async () => {
    signedIn.user = h.agent;
    const list = await getTemplates(mine);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ ok: true, unsendable: 0 });
    const offered = list.body.templates as Array<{ name: string; params: unknown[] }>;
    expect(offered.map((t) => t.name)).toEqual([
      "appointment_reminder",
      "hello_world",
      "order_update",
    ]);
    expect(offered.find((t) => t.name === "order_update")).toMatchObject({
      language: "en_US",
      body: "Hi {{1}}, your order {{2}} is {{3}}.",
      params: [
        { component: "body", key: "1" },
        { component: "body", key: "2" },
        { component: "body", key: "3" },
      ],
      named: false,
    });
  });
});
