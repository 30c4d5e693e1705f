import { and, asc, eq } from "drizzle-orm";
import { type DatabaseHandle, type DatabaseKind, provideDatabase } from "@/db";
import { createChannel } from "@/db/queries/channels";
import { conversationEvents, conversations, messages } from "@/db/schema";
import { inlineRunner } from "@/inngest/dispatch";
import { provideReplyDeps } from "@/lib/bot/deps";
import { encryptSecret } from "@/lib/crypto/secrets";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";
import { createTestDatabase } from "./databases";
import { seedConversation, testKeyring, uniquePhoneNumberId } from "./fixtures";
import { type Intercepted, type RawCall, startGraphEmulatorServer } from "./graph-emulator-server";
import { seedTeam } from "./workspace-context";

export type GraphSend = { path: string; authorization: string; body: Record<string, unknown> };

let phones = 0;

/**
 * A team's workspace (and an outsider's) each with a WhatsApp number, as the inbox's actions and
 * routes see them: the real guard and database, and the reply job sending through the Graph API
 * emulator over real HTTP.
 */
export async function startInboxHarness(kind: DatabaseKind) {
  const handle: DatabaseHandle = await createTestDatabase(kind);
  provideDatabase(handle);
  const sends: GraphSend[] = [];
  // A test may answer a Graph call itself, as Meta refusing it would.
  let intercept: ((call: RawCall) => Intercepted | undefined) | null = null;
  const emulator = await startGraphEmulatorServer({
    db: handle.db,
    app: { appId: "1", appSecret: "inbox-harness-secret" },
    onCall: (call) => {
      const answer = intercept?.(call);
      if (answer) return answer;
      // Only message sends are JSON: a media upload is a multipart form.
      if (!call.path.endsWith("/messages")) return undefined;
      const body = call.raw ? (JSON.parse(call.raw) as Record<string, unknown>) : {};
      if (body.status !== "read") {
        sends.push({ path: call.path, authorization: call.authorization, body });
      }
      return undefined;
    },
  });
  provideReplyDeps({
    db: handle.db,
    keyring: testKeyring,
    graph: createGraphClient({
      baseUrl: emulator.url,
      version: "v25.0",
      sleep: async () => {},
      pacer: createPacer({ sleep: async () => {} }),
    }),
    ai: { fallbacks: [] },
    smtp: null,
  });
  const team = await seedTeam(handle.db, "Inbox Shop");

  async function number(workspaceId: string, token: string) {
    const phoneNumberId = uniquePhoneNumberId();
    const { id } = await createChannel(handle.db, {
      workspaceId,
      phoneNumberId,
      wabaId: `8${phoneNumberId}`.slice(0, 15),
      accessTokenEncrypted: encryptSecret(token, testKeyring, "channels.access_token", workspaceId),
      status: "connected",
    });
    return { workspaceId, channelId: id, phoneNumberId, token };
  }
  const shop = await number(team.workspace.id, "EAAG-inbox-shop-token-0123456789");
  const elsewhere = await number(team.other.id, "EAAG-elsewhere-token-0123456789");

  /** A conversation whose customer wrote `wroteAgo` ms ago, with the state given. */
  async function conversation(
    opts: {
      in?: typeof shop;
      wroteAgo?: number;
      set?: Partial<typeof conversations.$inferInsert>;
    } = {},
  ) {
    const ws = opts.in ?? shop;
    const waId = `3519${String(Date.now()).slice(-5)}${String(++phones).padStart(3, "0")}`;
    const wrote = new Date(Date.now() - (opts.wroteAgo ?? 60_000));
    const { id } = await seedConversation(handle.db, ws, { waId, start: wrote, count: 1 });
    await handle.db
      .update(conversations)
      .set({ lastInboundAt: wrote, ...opts.set })
      .where(eq(conversations.id, id));
    return { id, waId };
  }

  /** The conversation, its timeline and its outbound messages, to compare before and after. */
  async function snapshot(id: string) {
    const [row] = await handle.db.select().from(conversations).where(eq(conversations.id, id));
    const events = await handle.db
      .select()
      .from(conversationEvents)
      .where(eq(conversationEvents.conversationId, id))
      .orderBy(asc(conversationEvents.createdAt));
    const outbound = await handle.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.direction, "outbound")))
      .orderBy(asc(messages.seq));
    return { conversation: row ?? null, events, outbound };
  }

  /** Waits for the jobs an action dispatched (they start after it returns) to finish. */
  async function settle() {
    await new Promise((resolve) => setImmediate(resolve));
    await inlineRunner().idle();
  }

  return {
    handle,
    db: handle.db,
    ...team,
    shop,
    elsewhere,
    sends,
    conversation,
    snapshot,
    settle,
    /** Answers the Graph calls `answer` picks instead of the emulator; null stops it. */
    interceptGraph(answer: typeof intercept) {
      intercept = answer;
    },
    async close() {
      await inlineRunner().idle();
      provideReplyDeps(undefined);
      emulator.close();
      await handle.close();
    },
  };
}

export type InboxHarness = Awaited<ReturnType<typeof startInboxHarness>>;
