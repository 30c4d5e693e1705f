import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { getBotSettings } from "@/db/queries/bot-settings";
import { auditLog, botSettings, DEFAULT_HANDOFF_KEYWORDS } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { deploymentAiChoices } from "@/lib/bot/settings/ai-choices";
import { botSettingsView } from "@/lib/bot/settings/form-values";
import { saveBotSettingsAs } from "@/lib/bot/settings/save-bot-settings";
import { getKeyring } from "@/lib/crypto";
import { decryptSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { contextAs, seedTeam } from "@/lib/testing/workspace-context";
import {
  type BotSettingsFormInput,
  botSettingsFormSchema,
  OWN_AI_KEY,
} from "@/lib/validations/bot-settings";

// The action as the browser calls it, through the real guard and database; only the session and
// Next's navigation are stand-ins.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const { saveBotSettingsAction } = await import("./actions");

const OWN_KEY = "sk-own-secret-0123456789abcd";
// The action offers this server's providers; tests run with or without OPENAI_API_KEY.
const choices = deploymentAiChoices(getEnv().ai);
const serverDefault = choices[0]?.name ?? "";

describe.each(testDatabaseKinds)("bot settings action on %s", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  let admin: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let slug: string;
  let workspaceId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    const team = await seedTeam(handle.db, "Bot Shop");
    ({ owner, admin, agent, outsider } = team);
    const ws = team.workspace;
    slug = ws.slug;
    workspaceId = ws.id;
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  const stored = async () => getBotSettings(handle.db, workspaceId);
  const audits = () =>
    handle.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, "bot.settings_updated")),
      )
      .orderBy(auditLog.createdAt);
  /** The form as the page shows it now, with some fields changed. */
  const formWith = async (patch: Partial<BotSettingsFormInput>): Promise<BotSettingsFormInput> => ({
    ...botSettingsView(await stored(), choices, getKeyring()).values,
    ...patch,
  });

  it("shows a new workspace the schema's defaults, as a form that saves as it is", async () => {
    const view = botSettingsView(await stored(), choices, getKeyring());
    expect(view).toEqual({
      apiKey: { kind: "none" },
      values: expect.objectContaining({
        enabled: true,
        aiEnabled: true,
        aiProvider: serverDefault,
        tone: "friendly",
        maxReplyLength: 1000,
        fallbackMessage: "Sorry, I can't answer that yet. A person will get back to you.",
        timezone: "UTC",
        handoffKeywords: DEFAULT_HANDOFF_KEYWORDS,
        maxMessagesPerHour: 1000,
        maxMessagesPerUserPerDay: 50,
      }),
    });
    expect(botSettingsFormSchema.safeParse(view.values).success).toBe(true);
    signedIn.user = owner;
    expect(await saveBotSettingsAction(slug, view.values)).toMatchObject({
      ok: true,
      data: { changed: [] },
    });
    expect(await audits()).toEqual([]);
  });

  it("refuses signed-out visitors, outsiders and agents, and writes nothing", async () => {
    const before = await stored();
    const form = await formWith({ enabled: false, tone: "playful" });
    expect(await saveBotSettingsAction(slug, form)).toMatchObject({
      ok: false,
      code: "signed_out",
    });
    signedIn.user = outsider;
    expect(await saveBotSettingsAction(slug, form)).toMatchObject({
      ok: false,
      code: "not_member",
    });
    signedIn.user = agent;
    expect(await saveBotSettingsAction(slug, form)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await stored()).toEqual(before);
    expect(await audits()).toEqual([]);
  });

  it("refuses invalid input with field errors and writes nothing", async () => {
    signedIn.user = owner;
    const before = await stored();
    const result = await saveBotSettingsAction(
      slug,
      await formWith({
        tone: "concise",
        businessHours: {
          1: [{ from: "18:00", to: "09:00" }],
          2: [],
          3: [],
          4: [],
          5: [],
          6: [],
          7: [],
        },
        escalationPhone: "0700",
        maxMessagesPerHour: 0,
      }),
    );
    expect(result).toEqual({
      ok: false,
      code: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        "businessHours.1.0.to":
          "Closing time must be after opening time. For hours past midnight, add the rest on the next day.",
        escalationPhone: "Enter the number with its country code, e.g. +254 700 123456.",
        maxMessagesPerHour: "Use at least 1.",
      },
    });
    // Choices only the server can judge: an own provider without a key, an unknown provider.
    expect(
      await saveBotSettingsAction(slug, await formWith({ aiProvider: OWN_AI_KEY, aiModel: "m" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { aiApiKey: "Paste your API key, or choose one of this server's providers." },
    });
    expect(
      await saveBotSettingsAction(slug, await formWith({ aiProvider: "made-up" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { aiProvider: "Choose a provider from the list." },
    });
    expect(await stored()).toEqual(before);
    expect(await audits()).toEqual([]);
  });

  it("saves an owner's changes and audit-logs the names of the changed fields", async () => {
    signedIn.user = owner;
    const result = await saveBotSettingsAction(
      slug,
      await formWith({
        tone: "professional",
        welcomeMessage: "  Karibu! Ask me anything.  ",
        timezone: "Africa/Nairobi",
        businessHours: {
          1: [
            { from: "13:00", to: "17:00" },
            { from: "08:00", to: "12:00" },
          ],
          2: [],
          3: [],
          4: [],
          5: [],
          6: [{ from: "20:00", to: "00:00" }],
          7: [],
        },
        outsideHours: "closed_only",
        handoffKeywords: ["human", "mtu"],
        escalationPhone: "+254 700 111 222",
      }),
    );
    const fields = [
      "tone",
      "welcomeMessage",
      "timezone",
      "outsideHours",
      "handoffKeywords",
      "escalationPhone",
      "businessHours",
    ];
    expect(result).toMatchObject({ ok: true, data: { changed: fields } });
    expect(await stored()).toMatchObject({
      tone: "professional",
      welcomeMessage: "Karibu! Ask me anything.",
      timezone: "Africa/Nairobi",
      businessHours: { 1: ["08:00-12:00", "13:00-17:00"], 6: ["20:00-24:00"] },
      outsideHours: "closed_only",
      handoffKeywords: ["human", "mtu"],
      escalationPhone: "+254700111222",
      enabled: true,
    });
    const [entry] = await audits();
    expect(entry).toMatchObject({
      actorType: "user",
      actorId: owner.id,
      target: workspaceId,
      details: { fields },
    });
    // An admin may change the settings too.
    signedIn.user = admin;
    expect(await saveBotSettingsAction(slug, await formWith({ enabled: false }))).toMatchObject({
      ok: true,
      data: { changed: ["enabled"] },
    });
  });

  it("stores the own API key encrypted, answers it masked, and keeps it when left blank", async () => {
    signedIn.user = owner;
    const saved = await saveBotSettingsAction(
      slug,
      await formWith({
        aiProvider: OWN_AI_KEY,
        aiModel: "llama-3.1-8b",
        aiBaseUrl: "https://api.groq.com/openai/v1",
        aiApiKey: ` ${OWN_KEY} `,
      }),
    );
    if (!saved.ok) throw new Error(saved.message);
    expect(JSON.stringify(saved)).not.toContain(OWN_KEY);
    expect(saved.data.changed).toEqual(["aiProvider", "aiModel", "aiBaseUrl", "aiApiKey"]);
    expect(saved.data.view.apiKey).toEqual({ kind: "stored", masked: "sk-o…abcd" });
    expect(saved.data.view.values).toMatchObject({ aiProvider: OWN_AI_KEY, aiApiKey: "" });

    const [row] = await handle.db
      .select()
      .from(botSettings)
      .where(eq(botSettings.workspaceId, workspaceId));
    const encrypted = row?.aiApiKeyEncrypted ?? "";
    expect(encrypted).not.toContain(OWN_KEY);
    expect(decryptSecret(encrypted, getKeyring(), "bot_settings.ai_api_key", workspaceId)).toBe(
      OWN_KEY,
    );

    // The page's next form has an empty key box; saving it with another change keeps the key.
    const kept = await saveBotSettingsAction(slug, await formWith({ maxReplyLength: 300 }));
    expect(kept).toMatchObject({ ok: true, data: { changed: ["maxReplyLength"] } });
    expect((await stored()).aiApiKeyEncrypted).toBe(encrypted);

    const audit = JSON.stringify(await audits());
    expect(audit).not.toContain(OWN_KEY);
    expect(audit).not.toContain(encrypted);
    expect(audit).toContain("aiApiKey");

    // Replacing it stores a new ciphertext; choosing the server's AI removes it with its address.
    const replaced = await saveBotSettingsAction(
      slug,
      await formWith({ aiApiKey: "sk-second-key-99998888" }),
    );
    expect(replaced).toMatchObject({
      ok: true,
      data: { changed: ["aiApiKey"], view: { apiKey: { masked: "sk-s…8888" } } },
    });
    const removed = await saveBotSettingsAction(
      slug,
      await formWith({ aiProvider: serverDefault, aiModel: "", aiBaseUrl: "" }),
    );
    expect(removed).toMatchObject({ ok: true, data: { view: { apiKey: { kind: "none" } } } });
    expect(await stored()).toMatchObject({
      aiProvider: serverDefault || null,
      aiModel: null,
      aiBaseUrl: null,
      aiApiKeyEncrypted: null,
    });
  });

  it("offers the deployment's providers by name and model, never their keys", async () => {
    const ai = {
      primary: { name: "openai", apiKey: "sk-deployment-secret", model: "gpt-4o-mini" },
      fallbacks: [
        {
          name: "groq",
          apiKey: "gsk-deployment-secret",
          baseURL: "https://groq.test",
          model: "llama",
        },
      ],
    };
    const ctx = await contextAs(handle.db, owner, slug, "bot.manage");
    const form = botSettingsFormSchema.parse({
      ...botSettingsView(await stored(), deploymentAiChoices(ai), getKeyring()).values,
      aiProvider: "groq",
      aiModel: "llama-3.3-70b",
    });
    const result = await saveBotSettingsAs(ctx, form, {
      keyring: getKeyring(),
      ai,
      publicEndpointsOnly: false,
    });
    expect(result).toMatchObject({ ok: true, data: { changed: ["aiProvider", "aiModel"] } });
    expect(JSON.stringify(result)).not.toMatch(/deployment-secret|groq\.test/);
    expect(await stored()).toMatchObject({ aiProvider: "groq", aiModel: "llama-3.3-70b" });
  });

  it("in production, an own AI address must be public https", async () => {
    const ctx = await contextAs(handle.db, owner, slug, "bot.manage");
    const values = botSettingsView(await stored(), [], getKeyring()).values;
    const save = (aiBaseUrl: string) =>
      saveBotSettingsAs(
        ctx,
        botSettingsFormSchema.parse({
          ...values,
          aiProvider: OWN_AI_KEY,
          aiModel: "llama3",
          aiApiKey: "sk-own-0123456789",
          aiBaseUrl,
        }),
        {
          keyring: getKeyring(),
          ai: { fallbacks: [] },
          publicEndpointsOnly: true,
          resolve: async (host) => (host === "api.groq.com" ? ["104.18.6.192"] : ["10.0.0.7"]),
        },
      );
    for (const internal of [
      "http://api.example.com/v1",
      "https://localhost:11434/v1",
      "https://127.0.0.1/v1",
      "https://10.1.2.3/v1",
      "https://192.168.0.5/v1",
      "https://169.254.169.254/latest",
      "https://[::1]/v1",
      "https://[::ffff:127.0.0.1]/v1",
      "https://internal-llm.example/v1",
    ]) {
      expect(await save(internal), internal).toMatchObject({
        ok: false,
        fieldErrors: { aiBaseUrl: expect.any(String) },
      });
    }
    expect(await save("https://api.groq.com/openai/v1")).toMatchObject({ ok: true });
  });

  it("a saved key is not sent to a new address unless it is typed again", async () => {
    const ctx = await contextAs(handle.db, owner, slug, "bot.manage");
    const deps = { keyring: getKeyring(), ai: { fallbacks: [] }, publicEndpointsOnly: false };
    const values = botSettingsView(await stored(), [], getKeyring()).values;
    const own = { ...values, aiProvider: OWN_AI_KEY, aiModel: "llama3" };
    const first = await saveBotSettingsAs(
      ctx,
      botSettingsFormSchema.parse({
        ...own,
        aiBaseUrl: "https://llm.example/v1",
        aiApiKey: "sk-owner-0123456789",
      }),
      deps,
    );
    expect(first).toMatchObject({ ok: true });
    const moved = await saveBotSettingsAs(
      ctx,
      botSettingsFormSchema.parse({
        ...own,
        version: botSettingsView(await stored(), [], getKeyring()).values.version,
        aiBaseUrl: "https://attacker.example/v1",
        aiApiKey: "",
      }),
      deps,
    );
    expect(moved).toMatchObject({ ok: false, fieldErrors: { aiApiKey: expect.any(String) } });
    expect((await stored()).aiBaseUrl).toBe("https://llm.example/v1");
  });

  it("a save over settings someone else saved meanwhile is refused, and overwrites nothing", async () => {
    const ctx = await contextAs(handle.db, owner, slug, "bot.manage");
    const deps = { keyring: getKeyring(), ai: { fallbacks: [] }, publicEndpointsOnly: false };
    const opened = botSettingsView(await stored(), [], getKeyring()).values;
    await new Promise((r) => setTimeout(r, 5));
    const first = await saveBotSettingsAs(
      ctx,
      botSettingsFormSchema.parse({ ...opened, fallbackMessage: "First admin's fallback." }),
      deps,
    );
    expect(first).toMatchObject({ ok: true });
    const second = await saveBotSettingsAs(
      ctx,
      botSettingsFormSchema.parse({ ...opened, tone: "professional" }),
      deps,
    );
    expect(second).toMatchObject({ ok: false, code: "conflict" });
    expect(await stored()).toMatchObject({ fallbackMessage: "First admin's fallback." });
  });
});
