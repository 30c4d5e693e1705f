import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getSandboxMedia } from "@/db/queries/sandbox";
import { messages } from "@/db/schema";
import { testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { type InboxHarness, startInboxHarness } from "@/lib/testing/inbox-harness";

// Sending a file from the inbox as the composer does: a multipart POST through the real guard
// and database, the upload and the send going over HTTP to the Graph API emulator, and the
// reply job running as in production.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { POST } = await import("./route");

const HOUR = 60 * 60 * 1000;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72]);
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n");
const GIF = new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000");

describe.each(testDatabaseKinds)("sending a file from the inbox on %s", (kind) => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await startInboxHarness(kind);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    signedIn.user = h.agent;
  });

  function post(
    slug: string,
    conversationId: string,
    file: { bytes: Uint8Array; name: string; type: string },
    fields: { clientId?: string; caption?: string } = {},
  ) {
    const form = new FormData();
    form.set("clientId", fields.clientId ?? randomUUID());
    if (fields.caption !== undefined) form.set("caption", fields.caption);
    form.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const req = new Request(`http://test/${slug}/inbox/${conversationId}/attachments`, {
      method: "POST",
      body: form,
    });
    return POST(req, { params: Promise.resolve({ workspace: slug, conversationId }) });
  }

  const outbound = (conversationId: string) =>
    h.db.select().from(messages).where(eq(messages.conversationId, conversationId));

  it("uploads a photo to WhatsApp and sends it once with its caption, by media id", async () => {
    const { id } = await h.conversation();
    const clientId = randomUUID();
    const photo = { bytes: PNG, name: "shelf.png", type: "image/png" };
    const first = await post(h.workspace.slug, id, photo, { clientId, caption: "Our new shelf" });
    const again = await post(h.workspace.slug, id, photo, { clientId, caption: "Our new shelf" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    const sent = (await first.json()) as { messageId: string };
    expect(((await again.json()) as { messageId: string }).messageId).toBe(sent.messageId);
    await h.settle();

    const rows = (await outbound(id)).filter((m) => m.direction === "outbound");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: "image",
      text: "Our new shelf",
      status: "sent",
      source: "human",
      media: { mimeType: "image/png", caption: "Our new shelf" },
    });
    const mediaId = rows[0]?.media?.id ?? "";
    const stored = await getSandboxMedia(h.db, mediaId);
    expect(stored?.phoneNumberId).toBe(h.shop.phoneNumberId);
    expect(new Uint8Array(stored?.bytes ?? [])).toEqual(PNG);
    const send = h.sends.find((s) => (s.body.image as { id?: string } | undefined)?.id === mediaId);
    expect(send?.body).toMatchObject({
      type: "image",
      image: { id: mediaId, caption: "Our new shelf" },
    });
    expect(send?.authorization).toBe(`Bearer ${h.shop.token}`);
  });

  it("sends a PDF with its file name", async () => {
    const { id } = await h.conversation();
    const res = await post(h.workspace.slug, id, {
      bytes: PDF,
      name: "price-list.pdf",
      type: "application/pdf",
    });
    expect(res.status).toBe(201);
    await h.settle();
    const [row] = (await outbound(id)).filter((m) => m.direction === "outbound");
    expect(row).toMatchObject({
      type: "document",
      text: null,
      status: "sent",
      media: { mimeType: "application/pdf", filename: "price-list.pdf" },
    });
    const send = h.sends.find(
      (s) => (s.body.document as { id?: string } | undefined)?.id === row?.media?.id,
    );
    expect(send?.body.document).toEqual({ id: row?.media?.id, filename: "price-list.pdf" });
  });

  it("refuses by the bytes, not the name: a GIF called .png, and a photo over 5 MB", async () => {
    const { id } = await h.conversation();
    const gif = await post(h.workspace.slug, id, {
      bytes: GIF,
      name: "fake.png",
      type: "image/png",
    });
    expect(gif.status).toBe(422);
    expect(await gif.json()).toEqual({
      error: { code: "wrong_type", message: expect.stringContaining("“fake.png” is a GIF image") },
    });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    const tooBig = await post(h.workspace.slug, id, { bytes: big, name: "big.png", type: "" });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toBe(
      "“big.png” is 5.0 MB; WhatsApp takes images of at most 5 MB.",
    );
    await h.settle();
    expect((await outbound(id)).filter((m) => m.direction === "outbound")).toEqual([]);
  });

  it("shows Meta's reason when WhatsApp refuses the upload, and queues nothing", async () => {
    const { id } = await h.conversation();
    h.interceptGraph((call) =>
      call.path.endsWith("/media")
        ? {
            status: 400,
            body: {
              error: {
                message: "(#131053) Media upload error",
                type: "OAuthException",
                code: 131053,
                error_data: { details: "Unsupported file: the image is corrupt" },
                fbtrace_id: "t",
              },
            },
          }
        : undefined,
    );
    try {
      const res = await post(h.workspace.slug, id, {
        bytes: PNG,
        name: "a.png",
        type: "image/png",
      });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({
        error: {
          code: "meta_refused",
          message:
            "WhatsApp refused the file: (#131053) Media upload error: Unsupported file: the image is corrupt (error 131053).",
        },
      });
    } finally {
      h.interceptGraph(null);
    }
    await h.settle();
    expect((await outbound(id)).filter((m) => m.direction === "outbound")).toEqual([]);
  });

  it("refuses outside the 24-hour window before uploading anything", async () => {
    const { id } = await h.conversation({ wroteAgo: 25 * HOUR });
    const before = h.sends.length;
    const res = await post(h.workspace.slug, id, { bytes: PNG, name: "a.png", type: "image/png" });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: { code: "window_closed", message: expect.stringContaining("24 hours") },
    });
    await h.settle();
    expect(h.sends.length).toBe(before);
    expect((await outbound(id)).filter((m) => m.direction === "outbound")).toEqual([]);
  });

  it("answers 404 for another workspace's conversation and 401 signed out", async () => {
    const theirs = await h.conversation({ in: h.elsewhere });
    const file = { bytes: PNG, name: "a.png", type: "image/png" };
    expect((await post(h.workspace.slug, theirs.id, file)).status).toBe(404);
    signedIn.user = null;
    expect((await post(h.workspace.slug, theirs.id, file)).status).toBe(401);
    await h.settle();
    expect((await outbound(theirs.id)).filter((m) => m.direction === "outbound")).toEqual([]);
  });
});
