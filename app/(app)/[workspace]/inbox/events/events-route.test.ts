import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { inboxCounts } from "@/db/queries/inbox";
import { notifyLive } from "@/db/queries/live";
import { deleteMember } from "@/db/queries/members";
import { addMembership } from "@/db/queries/memberships";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import { liveEventStream } from "@/lib/live/event-stream";
import { resetLiveHub } from "@/lib/live/hub";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { type InboxHarness, startInboxHarness } from "@/lib/testing/inbox-harness";

// The inbox's event stream through the real guard and database: who may open it, and that it
// carries its own workspace's changes and nothing of another's.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { GET } = await import("./route");

/** Reads a server-sent event stream as text, chunk by chunk, until `until` matches or time runs out. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  seen: { text: string },
  until: (text: string) => boolean,
  ms = 3000,
) {
  const decoder = new TextDecoder();
  const deadline = Date.now() + ms;
  while (!until(seen.text)) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), left)),
    ]);
    if (chunk === null) return false;
    if (chunk.done) return until(seen.text);
    seen.text += decoder.decode(chunk.value, { stream: true });
  }
  return true;
}

describe.each(testDatabaseKinds)("inbox event stream on %s", (kind) => {
  let h: InboxHarness;

  beforeAll(async () => {
    resetLiveHub();
    h = await startInboxHarness(kind);
  });
  afterAll(async () => {
    resetLiveHub();
    await h.close();
  });
  beforeEach(() => {
    signedIn.user = null;
  });

  const open = (slug: string, signal?: AbortSignal) =>
    GET(new Request(`http://test/${slug}/inbox/events`, signal ? { signal } : {}), {
      params: Promise.resolve({ workspace: slug }),
    });

  it("refuses the signed-out (401) and outsiders (404) as JSON, without streaming", async () => {
    let res = await open(h.workspace.slug);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
    signedIn.user = h.outsider;
    res = await open(h.workspace.slug);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("streams a member's workspace changes and never another workspace's", async () => {
    signedIn.user = h.agent;
    const abort = new AbortController();
    const res = await open(h.workspace.slug, abort.signal);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("cache-control")).toContain("no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const seen = { text: "" };
    expect(await readUntil(reader, seen, (t) => t.includes("event: ready"))).toBe(true);
    expect(seen.text).toContain("retry: 2000");

    const { id: theirs } = await h.conversation({ in: h.elsewhere });
    await notifyLive(h.db, [{ w: h.other.id, c: theirs, k: "inbound" }]);
    const { id: ours } = await h.conversation();
    await notifyLive(h.db, [{ w: h.workspace.id, c: ours, k: "inbound", a: h.agent.id }]);
    expect(await readUntil(reader, seen, (t) => t.includes(ours))).toBe(true);
    expect(seen.text).toContain(
      `data: {"k":"inbound","c":"${ours}","a":"${h.agent.id}","by":null}`,
    );
    // Then the conversation's list row, read once by the server, with this member's own counts.
    expect(await readUntil(reader, seen, (t) => /event: rows\ndata: .*\n\n/.test(t))).toBe(true);
    const rows = JSON.parse(/event: rows\ndata: (.*)\n\n/.exec(seen.text)?.[1] ?? "null");
    expect(rows.rows.map((r: { row: { id: string } }) => r.row.id)).toEqual([ours]);
    expect(rows.rows[0].tabs).toContain("all");
    expect(rows.counts).toEqual(
      await inboxCounts(h.db, { workspaceId: h.workspace.id, userId: h.agent.id }),
    );
    expect(seen.text).not.toContain(theirs);
    expect(seen.text).not.toContain(h.other.id);
    abort.abort();
  });

  it("ends the stream of a member who was removed, at the next heartbeat", async () => {
    const ctx: WorkspaceContext = {
      db: h.db,
      user: h.admin,
      role: "admin",
      workspace: h.workspace,
      audit: async () => {},
    };
    const abort = new AbortController();
    const res = liveEventStream(ctx, abort.signal, { heartbeatMs: 50 });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const seen = { text: "" };
    expect(await readUntil(reader, seen, (t) => t.includes(": heartbeat"))).toBe(true);
    await deleteMember(h.db, { workspaceId: h.workspace.id, userId: h.admin.id });
    const { done } = await (async () => {
      for (;;) {
        const r = await reader.read();
        if (r.done) return r;
      }
    })();
    expect(done).toBe(true);
    await addMembership(h.db, { workspaceId: h.workspace.id, userId: h.admin.id, role: "admin" });
  });
});
