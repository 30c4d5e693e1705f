import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { addMembership } from "@/db/queries/memberships";
import { findSandboxMessage, insertSandboxMessage } from "@/db/queries/sandbox";
import { conversations } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { handleGraphRequest } from "@/lib/sandbox/graph-emulator";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import {
  seedConversation,
  seedWorkspace,
  TEST_ACCESS_TOKEN,
  testKeyring,
} from "@/lib/testing/fixtures";
import { seedUser } from "@/lib/testing/workspace-context";

const sandbox = vi.hoisted(() => ({ on: true }));
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => session.user }));
vi.mock("@/lib/env", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/env")>();
  return { ...real, getEnv: () => ({ ...real.getEnv(), sandbox: sandbox.on }) };
});

const { POST: skipTime } = await import("./route");

const HOUR = 3_600_000;
const APP = { appId: "1000000000000001", appSecret: "sandbox-secret" };

const skip = (body: unknown) =>
  skipTime(
    new Request("http://localhost/sandbox/api/phone/skip-time", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

describe.each(testDatabaseKinds)("POST /sandbox/api/phone/skip-time on %s", (kind) => {
  let handle: DatabaseHandle;
  let shop: Awaited<ReturnType<typeof seedWorkspace>>;
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    shop = await seedWorkspace(handle.db, "Window Shop");
    const member = await seedUser(handle.db, "window-agent");
    await addMembership(handle.db, {
      workspaceId: shop.workspaceId,
      userId: member.id,
      role: "agent",
    });
    session.user = member;
    // The emulator's status webhooks would go to the app; here they go nowhere.
    globalThis.fetch = (async () => new Response("{}")) as unknown as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await handle.close();
  });
  beforeEach(() => {
    sandbox.on = true;
  });

  /** The customer writes: on the phone, and in the app's conversation as the webhook records it. */
  async function customerWrites(customer: string) {
    await insertSandboxMessage(handle.db, {
      phoneNumberId: shop.phoneNumberId,
      customer,
      direction: "from_customer",
      wamid: `wamid.in.${customer}`,
      type: "text",
      body: { text: { body: "Is the shop open?" } },
      status: "delivered",
    });
    const now = new Date();
    const { id } = await seedConversation(handle.db, shop, {
      waId: customer,
      start: now,
      count: 1,
    });
    await handle.db
      .update(conversations)
      .set({ lastInboundAt: now })
      .where(eq(conversations.id, id));
    return id;
  }

  const lastInbound = async (id: string) => {
    const [row] = await handle.db
      .select({ at: conversations.lastInboundAt })
      .from(conversations)
      .where(eq(conversations.id, id));
    return row?.at?.getTime() ?? 0;
  };

  /** A free-form reply through the Graph emulator; its final status once Meta has processed it. */
  async function businessReplies(customer: string) {
    const later: (() => Promise<void>)[] = [];
    const res = await handleGraphRequest(
      new Request(`http://localhost/sandbox/graph/v25.0/${shop.phoneNumberId}/messages`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${TEST_ACCESS_TOKEN}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          messaging_product: "whatsapp",
          to: customer,
          type: "text",
          text: { body: "Yes, until six." },
        }),
      }),
      ["v25.0", shop.phoneNumberId, "messages"],
      {
        db: handle.db,
        keyring: testKeyring,
        appUrl: "http://localhost",
        app: APP,
        later: (t) => void later.push(t),
      },
    );
    const { messages } = (await res.json()) as { messages: { id: string }[] };
    for (const task of later) await task();
    return findSandboxMessage(handle.db, messages[0]?.id ?? "");
  }

  it("closes the window: the app's last inbound is 25 hours earlier and Meta refuses free text", async () => {
    const chat = await customerWrites("254722000001");
    const neighbour = await customerWrites("254722000002");
    expect(await businessReplies("254722000001")).toMatchObject({ status: "delivered" });
    const [chatBefore, neighbourBefore] = [await lastInbound(chat), await lastInbound(neighbour)];

    const res = await skip({ phoneNumberId: shop.phoneNumberId, customer: "254722000001" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      hours: 25,
      sandboxMessages: 2,
      conversation: true,
      messages: 1,
      events: 0,
    });
    expect(await lastInbound(chat)).toBe(chatBefore - 25 * HOUR);
    expect(await lastInbound(neighbour)).toBe(neighbourBefore);
    expect(await businessReplies("254722000001")).toMatchObject({
      status: "failed",
      errorCode: 131047,
    });
    expect(await businessReplies("254722000002")).toMatchObject({ status: "delivered" });
  });

  it("takes the hours asked, from 1 to 240 whole hours", async () => {
    const chat = await customerWrites("254722000003");
    const before = await lastInbound(chat);
    const res = await skip({
      phoneNumberId: shop.phoneNumberId,
      customer: "254722000003",
      hours: 2,
    });
    expect(await res.json()).toMatchObject({ hours: 2, conversation: true });
    expect(await lastInbound(chat)).toBe(before - 2 * HOUR);
    for (const hours of [0, 241, 1.5, "25"]) {
      const refused = await skip({
        phoneNumberId: shop.phoneNumberId,
        customer: "254722000003",
        hours,
      });
      expect(refused.status).toBe(400);
    }
    expect(await lastInbound(chat)).toBe(before - 2 * HOUR);
  });

  it("answers 401 signed out, and 404 for a number of a workspace the user is not in", async () => {
    const member = session.user;
    session.user = null;
    const signedOut = await skip({ phoneNumberId: shop.phoneNumberId, customer: "254722000005" });
    expect(signedOut.status).toBe(401);
    expect((await signedOut.json()).error.code).toBe("unauthorized");
    session.user = await seedUser(handle.db, "stranger");
    const stranger = await skip({ phoneNumberId: shop.phoneNumberId, customer: "254722000005" });
    expect(stranger.status).toBe(404);
    session.user = member;
  });

  it("answers 404 for a number that is not a sandbox number", async () => {
    const res = await skip({ phoneNumberId: "199999999999999", customer: "254722000001" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: "No sandbox number with this id." },
    });
  });

  it("answers 404 and moves nothing when the sandbox is off", async () => {
    const chat = await customerWrites("254722000004");
    const before = await lastInbound(chat);
    sandbox.on = false;
    const res = await skip({ phoneNumberId: shop.phoneNumberId, customer: "254722000004" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
    expect(await lastInbound(chat)).toBe(before);
  });
});
