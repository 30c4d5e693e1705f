import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { createChannel } from "@/db/queries/channels";
import { insertMessage } from "@/db/queries/messages";
import { insertSandboxMedia } from "@/db/queries/sandbox";
import { channels, type MessageMedia } from "@/db/schema";
import { provideReplyDeps } from "@/lib/bot/deps";
import { encryptSecret } from "@/lib/crypto/secrets";
import { captureLogs } from "@/lib/log";
import { handleGraphRequest } from "@/lib/sandbox/graph-emulator";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import {
  seedConversation,
  TEST_ACCESS_TOKEN,
  testKeyring,
  uniquePhoneNumberId,
} from "@/lib/testing/fixtures";
import {
  type Intercepted,
  type RawCall,
  startGraphEmulatorServer,
} from "@/lib/testing/graph-emulator-server";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedTeam } from "@/lib/testing/workspace-context";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";

// The media route as the inbox's <img> and <audio> call it: the real guard, database and Graph
// client, talking over HTTP to the Graph API emulator; only the session is a stand-in.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { GET } = await import("./route");

const APP = { appId: "1000000000000009", appSecret: "media-secret" };
// The emulator's media URLs point at the app's own /sandbox/graph route.
const APP_URL = "http://127.0.0.1:9";
// Starts like a JPEG: bytes that are not valid UTF-8 must come through unchanged.
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x80, 0x81, 0xfe]);

describe.each(testDatabaseKinds)("inbox media route on %s", (kind) => {
  let handle: DatabaseHandle;
  let shopChannelId = "";
  let team: Awaited<ReturnType<typeof seedTeam>>;
  let emulator: Awaited<ReturnType<typeof startGraphEmulatorServer>>;
  const calls: RawCall[] = [];
  const answers = new Map<string, Intercepted>();
  const ids: Record<string, string> = {};
  // A file WhatsApp's CDN sends only as fast as a test lets it.
  const slow = {
    size: 0,
    stream: new ReadableStream<Uint8Array>(),
    send: (_bytes: Uint8Array) => {},
    end: () => {},
  };
  const slowFile = (size: number) => {
    slow.size = size;
    slow.stream = new ReadableStream<Uint8Array>({
      start(c) {
        slow.send = (bytes) => c.enqueue(bytes);
        slow.end = () => c.close();
      },
    });
  };

  async function seedChannel(workspaceId: string, token: string | null) {
    const phoneNumberId = uniquePhoneNumberId();
    const channel = await createChannel(handle.db, {
      workspaceId,
      phoneNumberId,
      status: token ? "connected" : "disconnected",
      accessTokenEncrypted: token
        ? encryptSecret(token, testKeyring, "channels.access_token", workspaceId)
        : null,
    });
    const ws = { workspaceId, channelId: channel.id };
    const conversation = await seedConversation(handle.db, ws, {
      waId: `2547${phoneNumberId.slice(-8)}`,
      start: new Date(),
      count: 0,
    });
    const message = async (type: string, media: MessageMedia | null) => {
      const row = await insertMessage(handle.db, {
        ...ws,
        conversationId: conversation.id,
        direction: "inbound",
        waMessageId: `wamid.media.${type}.${Math.random()}`,
        type,
        media,
        status: "received",
      });
      if (!row) throw new Error("message not stored");
      return row.id;
    };
    return { phoneNumberId, channelId: channel.id, message };
  }

  const storeFile = (id: string, phoneNumberId: string, mimeType: string, bytes: Buffer) =>
    insertSandboxMedia(handle.db, { id, phoneNumberId, mimeType, sha256: "unused", bytes });

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    team = await seedTeam(handle.db, "Media Shop");
    emulator = await startGraphEmulatorServer({
      db: handle.db,
      app: APP,
      onCall: (call) => {
        calls.push(call);
        return [...answers].find(([id]) => call.path.includes(id))?.[1];
      },
    });
    // The client sees one Graph host, as with the sandbox: lookups are passed on to the emulator
    // server, and the media URLs it answers (on the same host) are served in process.
    const graph = createGraphClient({
      baseUrl: APP_URL,
      version: "v25.0",
      maxRetries: 0,
      sleep: async () => {},
      pacer: createPacer({ sleep: async () => {} }),
      fetch: async (input, init) => {
        const req = new Request(input, init);
        const url = new URL(req.url);
        if (url.pathname.startsWith("/slow/")) {
          calls.push({ method: req.method, path: url.pathname, authorization: "", raw: "" });
          return new Response(slow.stream, {
            headers: { "content-type": "video/mp4", "content-length": String(slow.size) },
          });
        }
        if (!url.pathname.startsWith("/sandbox/graph/media/")) {
          return fetch(new Request(`${emulator.url}${url.pathname}${url.search}`, req));
        }
        calls.push({
          method: req.method,
          path: url.pathname,
          authorization: req.headers.get("authorization") ?? "",
          raw: "",
        });
        const path = url.pathname.replace(/^\/sandbox\/graph\//, "").split("/");
        return handleGraphRequest(req, path, {
          db: handle.db,
          keyring: testKeyring,
          appUrl: APP_URL,
          app: APP,
          later: () => {},
        });
      },
    });
    provideReplyDeps({ db: handle.db, graph, keyring: testKeyring, ai: { fallbacks: [] } });

    const shop = await seedChannel(team.workspace.id, TEST_ACCESS_TOKEN);
    shopChannelId = shop.channelId;
    await storeFile(`photo-${kind}`, shop.phoneNumberId, "image/jpeg", PHOTO);
    ids.photo = await shop.message("image", { id: `photo-${kind}`, mimeType: "image/jpeg" });
    await storeFile(`page-${kind}`, shop.phoneNumberId, "text/html", Buffer.from("<h1>hi</h1>"));
    ids.html = await shop.message("document", {
      id: `page-${kind}`,
      mimeType: "text/html",
      filename: '../../evil".html',
    });
    await storeFile(`svg-${kind}`, shop.phoneNumberId, "image/svg+xml", Buffer.from("<svg/>"));
    ids.svg = await shop.message("image", { id: `svg-${kind}`, mimeType: "image/svg+xml" });
    ids.text = await shop.message("text", null);
    ids.expired = await shop.message("image", { id: `expired-${kind}`, mimeType: "image/jpeg" });
    ids.revoked = await shop.message("image", { id: `revoked-${kind}`, mimeType: "image/jpeg" });
    answers.set(`revoked-${kind}`, {
      status: 401,
      body: {
        error: { message: "Error validating access token", type: "OAuthException", code: 190 },
      },
    });
    ids.unreachable = await shop.message("audio", { id: `gone-${kind}`, mimeType: "audio/ogg" });
    answers.set(`gone-${kind}`, {
      status: 200,
      body: {
        messaging_product: "whatsapp",
        url: "http://127.0.0.1:1/file",
        mime_type: "audio/ogg",
        id: "x",
      },
    });

    const mediaUrl = (id: string, extra: Record<string, unknown> = {}) => ({
      status: 200,
      body: { messaging_product: "whatsapp", mime_type: "video/mp4", id, ...extra },
    });
    ids.video = await shop.message("video", { id: `video-${kind}`, mimeType: "video/mp4" });
    answers.set(`video-${kind}`, mediaUrl("v", { url: `${APP_URL}/slow/video` }));
    ids.huge = await shop.message("document", { id: `huge-${kind}`, mimeType: "application/pdf" });
    answers.set(
      `huge-${kind}`,
      mediaUrl("h", { url: `${APP_URL}/slow/huge`, file_size: 100 * 1024 * 1024 + 1 }),
    );

    const disconnected = await seedChannel(team.workspace.id, null);
    ids.disconnected = await disconnected.message("image", { id: "any", mimeType: "image/png" });

    const elsewhere = await seedChannel(team.other.id, "EAAG-elsewhere-token-0123456789");
    await storeFile(`theirs-${kind}`, elsewhere.phoneNumberId, "image/jpeg", PHOTO);
    ids.theirs = await elsewhere.message("image", { id: `theirs-${kind}`, mimeType: "image/jpeg" });
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    emulator.close();
    await handle.close();
  });
  beforeEach(() => {
    signedIn.user = team.agent;
    calls.length = 0;
  });

  const get = (messageId: string, slug = team.workspace.slug, headers?: HeadersInit) =>
    GET(new Request(`http://test/${slug}/inbox/media/${messageId}`, { headers }), {
      params: Promise.resolve({ workspace: slug, messageId }),
    });
  const error = async (res: Response) =>
    ((await res.json()) as { error: { code: string; message: string } }).error;

  it("serves a stored photo's bytes inline, with headers that keep it inert and private", async () => {
    const res = await get(ids.photo as string);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PHOTO);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("content-length")).toBe(String(PHOTO.length));
    expect(res.headers.get("cache-control")).toBe("private, max-age=3600");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("sandbox");
    expect(res.headers.get("content-disposition")).toMatch(
      /^inline; filename="image-[0-9a-f]{8}\.jpg"/,
    );
    // The token travels to Meta in the Authorization header only, never in a URL or back out.
    expect(calls.map((c) => c.path)).toEqual([
      `/v25.0/photo-${kind}`,
      `/sandbox/graph/media/photo-${kind}`,
    ]);
    expect(calls.every((c) => c.authorization === `Bearer ${TEST_ACCESS_TOKEN}`)).toBe(true);
    expect(calls.some((c) => c.path.includes(TEST_ACCESS_TOKEN))).toBe(false);
    expect([...res.headers.values()].join(" ")).not.toContain(TEST_ACCESS_TOKEN);
  });

  it("streams the file: the agent's browser gets the first bytes while WhatsApp still sends", async () => {
    slowFile(3 * 65536);
    const res = await Promise.race([
      get(ids.video as string),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("the route waited for the whole file")), 5_000),
      ),
    ]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(3 * 65536));
    const reader = res.body?.getReader();
    slow.send(new Uint8Array(65536).fill(1));
    const first = await reader?.read();
    expect(first?.value?.byteLength).toBe(65536);
    slow.send(new Uint8Array(65536).fill(2));
    slow.send(new Uint8Array(65536).fill(3));
    slow.end();
    let rest = 0;
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) {
      rest += r.value.byteLength;
    }
    expect(rest).toBe(2 * 65536);
  });

  it("answers 413 for a file WhatsApp says is over the cap, without downloading it", async () => {
    const res = await get(ids.huge as string);
    expect(res.status).toBe(413);
    expect(await error(res)).toEqual({
      code: "payload_too_large",
      message: expect.stringMatching(/larger than the 100 MB this server passes on/),
    });
    expect(calls.map((c) => c.path)).toEqual([`/v25.0/huge-${kind}`]);
  });

  it("answers a range for players that seek", async () => {
    const res = await get(ids.photo as string, undefined, { range: "bytes=2-5" });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 2-5/${PHOTO.length}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PHOTO.subarray(2, 6));
  });

  it("makes markup a download of opaque bytes, never a page", async () => {
    const html = await get(ids.html as string);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("application/octet-stream");
    expect(html.headers.get("content-disposition")).toMatch(/^attachment; filename="evil_\.html"/);
    expect(await html.text()).toBe("<h1>hi</h1>");
    const svg = await get(ids.svg as string);
    expect(svg.headers.get("content-type")).toBe("application/octet-stream");
    expect(svg.headers.get("content-disposition")).toMatch(/^attachment; /);
  });

  it("refuses the signed-out with 401 and outsiders with 404, before asking WhatsApp", async () => {
    signedIn.user = null;
    expect((await get(ids.photo as string)).status).toBe(401);
    signedIn.user = team.outsider;
    const outsider = await get(ids.photo as string);
    expect(outsider.status).toBe(404);
    expect(await error(outsider)).toEqual({ code: "not_found", message: "Workspace not found." });
    // Through their own workspace, the message id finds nothing either.
    const viaOwn = await get(ids.photo as string, team.other.slug);
    expect(viaOwn.status).toBe(404);
    expect(await error(viaOwn)).toEqual({ code: "not_found", message: "Message not found." });
    expect(calls).toEqual([]);
  });

  it("answers 404 for another workspace's message, one without a file, or a malformed id", async () => {
    const theirs = await get(ids.theirs as string);
    expect(theirs.status).toBe(404);
    expect(await error(theirs)).toEqual({ code: "not_found", message: "Message not found." });
    const text = await get(ids.text as string);
    expect(text.status).toBe(404);
    expect((await error(text)).message).toBe("This message has no file.");
    expect((await get("not-a-uuid")).status).toBe(404);
    expect(calls).toEqual([]);
  });

  it("answers 409 when the number has no token", async () => {
    const res = await get(ids.disconnected as string);
    expect(res.status).toBe(409);
    expect(await error(res)).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/disconnected[\s\S]*Reconnect it on the WhatsApp page/),
    });
  });

  it("answers 502 in plain words when WhatsApp refuses or can't be reached", async () => {
    const logs = captureLogs();
    const expired = await get(ids.expired as string);
    expect(expired.status).toBe(502);
    expect(await error(expired)).toEqual({
      code: "bad_gateway",
      message: "WhatsApp no longer has this file. It keeps customers' files for 7 days.",
    });
    const revoked = await get(ids.revoked as string);
    expect(revoked.status).toBe(502);
    expect((await error(revoked)).message).toMatch(/re-authorize the number on the WhatsApp page/);
    // The refused token flags the number, as a refused send does.
    const [flagged] = await handle.db
      .select({ status: channels.status })
      .from(channels)
      .where(eq(channels.id, shopChannelId));
    expect(flagged?.status).toBe("needs_reauth");
    const unreachable = await get(ids.unreachable as string);
    expect(unreachable.status).toBe(502);
    const body = JSON.stringify(await error(unreachable));
    expect(body).toContain("WhatsApp could not be reached for this file.");
    expect(body).not.toMatch(/127\.0\.0\.1|EAAG|token/);
    // The log says what failed, without the token or the URL.
    logs.restore();
    expect(logs.lines.filter((l) => JSON.parse(l).level === "warn")).toHaveLength(3);
    expect(logs.lines.join("\n")).not.toMatch(/127\.0\.0\.1|EAAG/);
  });
});
