import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { queueReply } from "@/db/queries/inbox-actions";
import { upsertContactByIdentity, upsertConversationForMessage } from "@/db/queries/webhooks";
import { channels, conversations, messages } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import type { ReplyDeps } from "@/lib/bot/deps";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedConversation, seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { seedUser } from "@/lib/testing/workspace-context";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { GraphError } from "@/lib/whatsapp/graph-errors";
import { createPacer } from "@/lib/whatsapp/pacer";
import { failQueuedReply, NUMBER_UNAVAILABLE, sendQueuedReply } from "./send-queued-reply";

type Shop = Awaited<ReturnType<typeof seedWorkspace>>;
type Answer = (url: string, init: RequestInit | undefined) => Response | Promise<Response>;

const metaError = (status: number, code: number, message: string) => () =>
  Response.json({ error: { message, type: "OAuthException", code, fbtrace_id: "t" } }, { status });
const accepted: Answer = () =>
  Response.json({ messaging_product: "whatsapp", messages: [{ id: `wamid.${randomUUID()}` }] });

let phones = 0;

// The reply job's send step, with WhatsApp's answers scripted at the HTTP level and read by the
// real Graph client.
describe.each(testDatabaseKinds)("sending a person's queued reply on %s", (kind) => {
  let handle: DatabaseHandle;
  let person: SessionUser;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    person = await seedUser(handle.db, "agent");
  });
  afterAll(() => handle.close());

  /** Reply deps whose Graph API answers every call with `answer`, counting the calls. */
  function graphAnswering(answer: Answer) {
    const calls: Array<{ url: string; body: unknown }> = [];
    const deps: ReplyDeps = {
      db: handle.db,
      keyring: testKeyring,
      ai: { fallbacks: [] },
      smtp: null,
      reconcileMs: 60_000,
      graph: createGraphClient({
        baseUrl: "http://graph.test",
        version: "v25.0",
        sleep: async () => {},
        pacer: createPacer({ sleep: async () => {} }),
        fetch: async (input, init) => {
          calls.push({ url: String(input), body: JSON.parse(String(init?.body ?? "null")) });
          return answer(String(input), init);
        },
      }),
    };
    return { deps, calls };
  }

  async function queued(
    opts: {
      shop?: Shop;
      type?: "text" | "template" | "document";
      waId?: string | null;
      media?: { id?: string; mimeType: string; filename?: string; caption?: string };
    } = {},
  ) {
    const shop = opts.shop ?? (await seedWorkspace(handle.db, "Reply Shop"));
    let conversationId: string;
    if (opts.waId === null) {
      // A customer known only by their business-scoped user id: no phone, written to by that id.
      const contactId = await upsertContactByIdentity(handle.db, {
        workspaceId: shop.workspaceId,
        waId: null,
        userId: `US.${randomUUID().replace(/-/g, "")}`,
        name: null,
      });
      conversationId = await upsertConversationForMessage(handle.db, {
        workspaceId: shop.workspaceId,
        channelId: shop.channelId,
        contactId,
        at: new Date(),
      });
    } else {
      const waId = opts.waId ?? `3519${String(Date.now()).slice(-5)}${++phones}`;
      conversationId = (
        await seedConversation(handle.db, shop, { waId, start: new Date(), count: 1 })
      ).id;
    }
    await handle.db
      .update(conversations)
      .set({ lastInboundAt: new Date() })
      .where(eq(conversations.id, conversationId));
    const template = opts.type === "template";
    const outcome = await queueReply(handle.db, {
      workspaceId: shop.workspaceId,
      conversationId,
      userId: person.id,
      clientId: randomUUID(),
      type: opts.type ?? "text",
      ...(opts.media && { media: opts.media }),
      text: opts.media
        ? (opts.media.caption ?? null)
        : template
          ? "Hi Ana, your order 778 is shipped."
          : "Hello from Ana",
      payload: template
        ? {
            template: {
              name: "order_update",
              language: "en_US",
              components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }] }],
            },
          }
        : null,
    });
    if (outcome.state !== "queued") throw new Error(outcome.state);
    return {
      shop,
      conversationId,
      target: { workspaceId: shop.workspaceId, messageId: outcome.messageId },
    };
  }

  async function row(id: string) {
    const [found] = await handle.db.select().from(messages).where(eq(messages.id, id));
    return found;
  }
  async function channel(id: string) {
    const [found] = await handle.db.select().from(channels).where(eq(channels.id, id));
    return found;
  }

  it("sends a file by its media id, with its caption and name, once", async () => {
    const media = {
      id: "1700000000000042",
      mimeType: "application/pdf",
      filename: "price-list.pdf",
      caption: "Our prices",
    };
    const { target } = await queued({ waId: "351912345077", type: "document", media });
    const { deps, calls } = graphAnswering(accepted);
    const outcome = await sendQueuedReply(deps, target);
    expect(outcome).toMatchObject({ state: "sent" });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toMatch(/^http:\/\/graph\.test\/v25\.0\/\d+\/messages$/);
    expect(calls[0]?.body).toMatchObject({
      to: "+351912345077",
      type: "document",
      document: { id: media.id, caption: "Our prices", filename: "price-list.pdf" },
    });
    expect(await row(target.messageId)).toMatchObject({ status: "sent", type: "document" });
    expect(await sendQueuedReply(deps, target)).toEqual({ state: "done" });
    expect(calls).toHaveLength(1);
  });

  it("fails a file reply stored without a media id, sending nothing", async () => {
    const { target } = await queued({ type: "document", media: { mimeType: "application/pdf" } });
    const { deps, calls } = graphAnswering(accepted);
    expect(await sendQueuedReply(deps, target)).toEqual({ state: "failed", code: -6 });
    expect(calls).toEqual([]);
    expect(await row(target.messageId)).toMatchObject({ status: "failed", errorCode: -6 });
  });

  it("sends a text once: a second run finds it sent", async () => {
    const { target, conversationId } = await queued({ waId: "351912345001" });
    const { deps, calls } = graphAnswering(accepted);
    const outcome = await sendQueuedReply(deps, target);
    expect(outcome).toEqual({ state: "sent", waMessageId: expect.stringMatching(/^wamid\./) });
    expect(await row(target.messageId)).toMatchObject({
      status: "sent",
      queueState: "handled",
      waMessageId: outcome.state === "sent" ? outcome.waMessageId : "",
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({
      to: "+351912345001",
      type: "text",
      text: { body: "Hello from Ana" },
    });
    const [conversation] = await handle.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    expect(conversation?.lastMessagePreview).toBe("Hello from Ana");
    expect(await sendQueuedReply(deps, target)).toEqual({ state: "done" });
    expect(calls).toHaveLength(1);
  });

  it("sends a template with its stored components", async () => {
    const { target } = await queued({ type: "template" });
    const { deps, calls } = graphAnswering(accepted);
    expect(await sendQueuedReply(deps, target)).toMatchObject({ state: "sent" });
    expect(calls[0]?.body).toMatchObject({
      type: "template",
      template: {
        name: "order_update",
        language: { code: "en_US" },
        components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }] }],
      },
    });
  });

  it("131047 (window closed) fails the reply with Meta's code, without retrying", async () => {
    const { target, shop } = await queued();
    const { deps, calls } = graphAnswering(metaError(400, 131047, "Re-engagement message"));
    expect(await sendQueuedReply(deps, target)).toEqual({ state: "failed", code: 131047 });
    expect(await row(target.messageId)).toMatchObject({
      status: "failed",
      queueState: "failed",
      errorCode: 131047,
      errorDetails: expect.stringContaining("Re-engagement message"),
    });
    expect(calls).toHaveLength(1);
    expect((await channel(shop.channelId))?.status).toBe("connected");
    expect(await sendQueuedReply(deps, target)).toEqual({ state: "done" });
    expect(calls).toHaveLength(1);
  });

  it("190 (token refused) fails the reply and asks for the number to be re-authorized", async () => {
    const { target, shop } = await queued();
    const { deps } = graphAnswering(metaError(401, 190, "Error validating access token"));
    expect(await sendQueuedReply(deps, target)).toEqual({ state: "failed", code: 190 });
    expect((await row(target.messageId))?.errorCode).toBe(190);
    expect(await channel(shop.channelId)).toMatchObject({
      status: "needs_reauth",
      statusReason: expect.stringContaining("(190)"),
    });
  });

  it("133010 (number not registered) fails the reply once and flags the number pending", async () => {
    const { target, shop } = await queued();
    const { deps, calls } = graphAnswering(metaError(400, 133010, "Account not registered"));
    expect(await sendQueuedReply(deps, target)).toEqual({ state: "failed", code: 133010 });
    expect(calls).toHaveLength(1);
    expect(await channel(shop.channelId)).toMatchObject({
      status: "pending",
      statusReason: "Not registered with WhatsApp Cloud API yet — replies can't be sent.",
    });
  });

  it("a retryable error is thrown for the job to retry; after the last retry the reply fails", async () => {
    const { target } = await queued();
    const { deps, calls } = graphAnswering(metaError(500, 131000, "Something went wrong"));
    const attempt = sendQueuedReply(deps, target);
    await expect(attempt).rejects.toBeInstanceOf(GraphError);
    await expect(attempt).rejects.toMatchObject({ code: 131000, retryable: true });
    expect(calls.length).toBeGreaterThan(0);
    expect(await row(target.messageId)).toMatchObject({ status: "pending", queueState: "pending" });

    await failQueuedReply(deps, target);
    expect(await row(target.messageId)).toMatchObject({
      status: "failed",
      queueState: "failed",
      errorCode: -1,
      errorDetails: expect.stringContaining("not sent"),
    });
    const tried = calls.length;
    expect(await sendQueuedReply(deps, target)).toEqual({ state: "done" });
    expect(calls).toHaveLength(tried);
  });

  it("after the last retry, a reply whose send is in doubt is marked unconfirmed, not unsent", async () => {
    const { target } = await queued();
    await handle.db
      .update(messages)
      .set({ sendingAt: new Date(), sendAttempts: 1 })
      .where(eq(messages.id, target.messageId));
    const { deps } = graphAnswering(accepted);
    await failQueuedReply(deps, target);
    expect(await row(target.messageId)).toMatchObject({
      status: "failed",
      errorCode: -7,
      errorDetails: expect.stringContaining("not sent again"),
    });
  });

  it("after the last retry, a reply that was sent meanwhile stays sent", async () => {
    const { target } = await queued();
    const { deps } = graphAnswering(accepted);
    await sendQueuedReply(deps, target);
    await failQueuedReply(deps, target);
    expect(await row(target.messageId)).toMatchObject({ status: "sent", queueState: "handled" });
  });

  it("a send that got no answer waits for WhatsApp's status, then goes once more, then a person checks", async () => {
    const { target } = await queued();
    const { deps, calls } = graphAnswering(() => {
      throw new TypeError("fetch failed");
    });
    // A window long enough that a loaded machine still asks again inside it.
    const quick = { ...deps, reconcileMs: 1000 };
    const waits = async () => {
      const error = await sendQueuedReply(quick, target).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "RetryAfterError" });
    };
    await waits();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({ biz_opaque_callback_data: `m:${target.messageId}` });
    // Within the window nothing is sent again.
    await waits();
    expect(calls).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1100));
    await waits();
    expect(calls).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await sendQueuedReply(quick, target)).toEqual({ state: "failed", code: -7 });
    expect(calls).toHaveLength(2);
    expect(await row(target.messageId)).toMatchObject({
      status: "failed",
      errorDetails: expect.stringContaining("not sent a third time"),
    });
  });

  it("writes to a customer without a phone through Meta's recipient field", async () => {
    const { deps, calls } = graphAnswering(accepted);
    const noPhone = await queued({ waId: null });
    expect(await sendQueuedReply(deps, noPhone.target)).toMatchObject({ state: "sent" });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({
      recipient: expect.stringMatching(/^US\.[0-9a-f]{32}$/),
    });
    expect(calls[0]?.body).not.toHaveProperty("to");
  });

  it("fails without asking WhatsApp when there is no token", async () => {
    const { deps, calls } = graphAnswering(accepted);
    const noToken = await queued();
    await handle.db
      .update(channels)
      .set({ accessTokenEncrypted: null, status: "disconnected" })
      .where(eq(channels.id, noToken.shop.channelId));
    expect(await sendQueuedReply(deps, noToken.target)).toEqual({
      state: "failed",
      code: NUMBER_UNAVAILABLE,
    });
    expect(calls).toEqual([]);
    expect(await row(noToken.target.messageId)).toMatchObject({
      status: "failed",
      errorCode: NUMBER_UNAVAILABLE,
    });
  });

  it("does nothing for a reply of another workspace", async () => {
    const { target } = await queued();
    const other = await seedWorkspace(handle.db, "Other Shop");
    const { deps, calls } = graphAnswering(accepted);
    const elsewhere = { workspaceId: other.workspaceId, messageId: target.messageId };
    expect(await sendQueuedReply(deps, elsewhere)).toEqual({ state: "done" });
    await failQueuedReply(deps, elsewhere);
    expect(calls).toEqual([]);
    expect(await row(target.messageId)).toMatchObject({ status: "pending", queueState: "pending" });
  });
});
