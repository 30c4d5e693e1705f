import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { type DatabaseHandle, type DatabaseKind, provideDatabase } from "@/db";
import { type BotSettingsInput, upsertBotSettings } from "@/db/queries/bot-settings";
import { upsertFaqs } from "@/db/queries/faqs";
import { insertSandboxMedia } from "@/db/queries/sandbox";
import { contacts, conversations, escalations, messages } from "@/db/schema";
import { inlineRunner } from "@/inngest/dispatch";
import { PARLEY_ALERT_TEMPLATE, parleyAlertComponents } from "@/lib/bot/alerts/alert-template";
import { provideReplyDeps, type ReplyDeps } from "@/lib/bot/deps";
import { receiveWebhook } from "@/lib/webhooks/handle-webhook";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";
import { signPayload } from "@/lib/whatsapp/signature";
import { createTestDatabase } from "./databases";
import { seedWorkspace, TEST_ACCESS_TOKEN, testKeyring } from "./fixtures";
import { startGraphEmulatorServer } from "./graph-emulator-server";
import { startOpenAiStub } from "./openai-stub";
import { contact, envelope, inbound, messagesChange } from "./webhook-payloads";

const APP_SECRET = "reply-harness-secret";

export type GraphCall = { method: string; path: string; authorization: string; body: unknown };
type Fault = { status: number; body: unknown };

/**
 * The reply pipeline wired as in production, over real HTTP: the Graph API emulator behind a
 * local server that can inject Meta errors before a send, and two OpenAI-compatible stubs.
 */
export async function startReplyHarness(kind: DatabaseKind) {
  const handle: DatabaseHandle = await createTestDatabase(kind);
  provideDatabase(handle);
  const calls: GraphCall[] = [];
  const faults: Fault[] = [];
  // Sends to these recipients always get this answer: a scripted refusal of one kind of message.
  const recipientFaults = new Map<string, Fault>();
  let templateReviewMs = 0;
  const emulator = await startGraphEmulatorServer({
    db: handle.db,
    app: { appId: "1", appSecret: APP_SECRET },
    onCall: ({ raw, ...rest }) => {
      const body: unknown = raw ? JSON.parse(raw) : null;
      calls.push({ ...rest, body });
      const isSend =
        rest.path.endsWith("/messages") && (body as { status?: string } | null)?.status !== "read";
      if (!isSend) return undefined;
      return recipientFaults.get(String((body as { to?: string }).to)) ?? faults.shift();
    },
    templateReviewMs: () => templateReviewMs,
    serveMedia: true,
  });
  const graphUrl = emulator.url;
  const ai1 = await startOpenAiStub({ kind: "answer", text: "Answer from provider one" });
  const ai2 = await startOpenAiStub({ kind: "answer", text: "Answer from provider two" });

  let replyDeps: ReplyDeps = {
    db: handle.db,
    keyring: testKeyring,
    graph: createGraphClient({
      baseUrl: graphUrl,
      version: "v25.0",
      sleep: async () => {},
      pacer: createPacer({ sleep: async () => {} }),
    }),
    ai: {
      primary: { name: "one", baseURL: ai1.url, apiKey: "sk-one", model: "gpt-4o-mini" },
      fallbacks: [{ name: "two", baseURL: ai2.url, apiKey: "sk-two", model: "gpt-4.1-mini" }],
      timeoutMs: 1000,
    },
    smtp: null,
    reconcileMs: 60_000,
  };
  provideReplyDeps(replyDeps);

  let wabaCounter = 0;
  async function workspace(
    name: string,
    setup: {
      token?: string;
      bot?: BotSettingsInput;
      faqs?: Parameters<typeof upsertFaqs>[1]["faqs"];
    } = {},
  ) {
    wabaCounter += 1;
    const wabaId = `9${Date.now()}${wabaCounter}`.slice(-15);
    const ws = await seedWorkspace(handle.db, name, {
      wabaId,
      ...(setup.token && { accessToken: setup.token }),
    });
    // The automated-assistant notice is tested on its own; elsewhere it would only add a message.
    await upsertBotSettings(handle.db, {
      workspaceId: ws.workspaceId,
      aiDisclosure: false,
      ...setup.bot,
    });
    if (setup.faqs) await upsertFaqs(handle.db, { workspaceId: ws.workspaceId, faqs: setup.faqs });
    return { ...ws, wabaId, token: setup.token ?? TEST_ACCESS_TOKEN };
  }

  /** Posts a signed delivery to the real webhook handler and waits for every job it started. */
  async function deliver(payload: unknown) {
    const raw = JSON.stringify(payload);
    const res = await receiveWebhook(
      new Request("http://localhost/api/webhooks/whatsapp", {
        method: "POST",
        body: raw,
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signPayload(raw, APP_SECRET),
        },
      }),
      {
        db: async () => handle.db,
        appSecret: APP_SECRET,
        globalVerifyToken: undefined,
        schedule: (task) => task(),
      },
    );
    await inlineRunner().idle();
    return res.status;
  }

  function messageFrom(
    ws: { phoneNumberId: string },
    phone: string,
    type: string,
    body: Record<string, unknown>,
    at = new Date(),
  ) {
    const msg = inbound({ phone, name: "Customer" }, type, body, at);
    const payload = envelope({
      wabaId: "1",
      changes: [
        messagesChange(ws.phoneNumberId, { contacts: [contact({ phone })], messages: [msg] }),
      ],
    });
    return { msg, payload };
  }

  /** A customer writes text; resolves after the reply job has finished. */
  async function says(ws: { phoneNumberId: string }, phone: string, text: string, at?: Date) {
    const m = messageFrom(ws, phone, "text", { text: { body: text } }, at);
    await deliver(m.payload);
    return m;
  }

  let mediaCounter = 0;
  /**
   * A customer sends a file (photo, voice note, document): kept by the emulator as Meta keeps
   * media, then delivered by its media id. Resolves after the reply job has finished.
   */
  async function sendsFile(
    ws: { phoneNumberId: string },
    phone: string,
    type: "image" | "audio" | "document" | "sticker",
    file: { bytes: Uint8Array; mimeType: string; caption?: string; filename?: string },
  ) {
    mediaCounter += 1;
    const id = `${Date.now()}${mediaCounter}`.slice(-16);
    const sha256 = createHash("sha256").update(file.bytes).digest("base64");
    await insertSandboxMedia(handle.db, {
      id,
      phoneNumberId: ws.phoneNumberId,
      mimeType: file.mimeType,
      sha256,
      bytes: Buffer.from(file.bytes),
    });
    const m = messageFrom(ws, phone, type, {
      [type]: {
        id,
        mime_type: file.mimeType,
        sha256,
        ...(file.caption && { caption: file.caption }),
        ...(file.filename && { filename: file.filename }),
        ...(type === "audio" && { voice: true }),
      },
    });
    await deliver(m.payload);
    return m;
  }

  async function thread(workspaceId: string, phone: string) {
    const [c] = await handle.db
      .select({ id: conversations.id })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(and(eq(conversations.workspaceId, workspaceId), eq(contacts.waId, phone)));
    if (!c) return { conversation: null, inbound: [], outbound: [] };
    const all = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, c.id))
      .orderBy(asc(messages.seq));
    const [conversation] = await handle.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, c.id));
    return {
      conversation: conversation ?? null,
      inbound: all.filter((m) => m.direction === "inbound"),
      outbound: all.filter((m) => m.direction === "outbound"),
    };
  }

  const escalationsOf = (workspaceId: string) =>
    handle.db.select().from(escalations).where(eq(escalations.workspaceId, workspaceId));

  const sends = () =>
    calls.filter(
      (c) => c.path.endsWith("/messages") && (c.body as { status?: string })?.status !== "read",
    );

  return {
    handle,
    db: handle.db,
    calls,
    sends,
    faults,
    ai1,
    ai2,
    workspace,
    deliver,
    messageFrom,
    says,
    sendsFile,
    thread,
    escalationsOf,
    /** Submits Parley's alert template for the workspace's WABA, approved after `reviewMs`. */
    async createParleyAlertTemplate(
      ws: { wabaId: string; token: string },
      opts: { reviewMs?: number } = {},
    ) {
      templateReviewMs = opts.reviewMs ?? 0;
      try {
        return await replyDeps.graph.createTemplate(ws.wabaId, ws.token, {
          name: PARLEY_ALERT_TEMPLATE.name,
          language: PARLEY_ALERT_TEMPLATE.language,
          category: PARLEY_ALERT_TEMPLATE.category,
          components: parleyAlertComponents(),
        });
      } finally {
        templateReviewMs = 0;
      }
    },
    /** Bot settings choose this template for staff alerts. */
    chooseAlertTemplate: (
      ws: { workspaceId: string },
      t: { name: string; language: string } | null,
    ) =>
      upsertBotSettings(handle.db, {
        workspaceId: ws.workspaceId,
        alertTemplateName: t?.name ?? null,
        alertTemplateLanguage: t?.language ?? null,
      }),
    /** Every later send to `to` is answered with this Meta error. */
    failSendsTo(to: string, fault: Fault) {
      recipientFaults.set(to, fault);
    },
    /** Escalation e-mails go through this SMTP server from now on (null: none). */
    useSmtp(smtp: ReplyDeps["smtp"]) {
      replyDeps = { ...replyDeps, smtp };
      provideReplyDeps(replyDeps);
    },
    /** Changes the AI configuration of the reply job from now on. */
    useAi(ai: Partial<ReplyDeps["ai"]>) {
      replyDeps = { ...replyDeps, ai: { ...replyDeps.ai, ...ai } };
      provideReplyDeps(replyDeps);
    },
    /** The reply job's clock from now on (null: the real one). */
    setClock(at: Date | null) {
      const { now: _, ...rest } = replyDeps;
      replyDeps = at ? { ...rest, now: () => at } : rest;
      provideReplyDeps(replyDeps);
    },
    async close() {
      provideReplyDeps(undefined);
      await ai1.close();
      await ai2.close();
      emulator.close();
      await handle.close();
    },
  };
}

export type ReplyHarness = Awaited<ReturnType<typeof startReplyHarness>>;

/**
 * Reply-job dependencies for tests about ingestion that let the job run but do not look at the
 * replies: a Graph client whose transport accepts every call as Meta does, and no AI.
 */
export function provideAcceptingReplyDeps(db: DatabaseHandle["db"]) {
  provideReplyDeps({
    db,
    keyring: testKeyring,
    graph: acceptingGraphClient(),
    ai: { fallbacks: [] },
    smtp: null,
  });
}

function acceptingGraphClient() {
  let n = 0;
  return createGraphClient({
    baseUrl: "http://graph.test",
    version: "v25.0",
    sleep: async () => {},
    pacer: createPacer({ sleep: async () => {} }),
    fetch: async (input) =>
      String(input).endsWith("/messages")
        ? Response.json({
            messaging_product: "whatsapp",
            contacts: [{ input: "x", wa_id: "x" }],
            messages: [{ id: `wamid.accepted.${++n}` }],
          })
        : Response.json({ success: true }),
  });
}
