import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { and, eq } from "drizzle-orm";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { getBotSettings } from "@/db/queries/bot-settings";
import { createChannel } from "@/db/queries/channels";
import { auditLog } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { provideReplyDeps } from "@/lib/bot/deps";
import { botSettingsView } from "@/lib/bot/settings/form-values";
import { encryptSecret } from "@/lib/crypto/secrets";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { testKeyring } from "@/lib/testing/fixtures";
import { startGraphEmulatorServer } from "@/lib/testing/graph-emulator-server";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedTeam } from "@/lib/testing/workspace-context";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";

// The staff alert template on the bot settings page: the page as the server renders it, the
// save action's check of a chosen template, and Parley's own template submitted through the
// sandbox Graph API. Only the session and Next's navigation are stand-ins.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", async () => ({
  ...(await import("@/lib/testing/guard-stubs")).navigation,
  useRouter: () => ({ refresh: () => {}, replace: () => {}, push: () => {} }),
}));

const { saveBotSettingsAction, createAlertTemplateAction } = await import("./actions");
const { default: BotSettingsPage } = await import("./page");

const TOKEN = "EAAG-alert-shop-token-0123456789";
const WABA = "410000000000001";

const render = (node: ReactNode) =>
  renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, node));
// The page's words without markup, as a person reads them.
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe.each(testDatabaseKinds)("staff alert template on %s", (kind) => {
  let handle: DatabaseHandle;
  let emulator: Awaited<ReturnType<typeof startGraphEmulatorServer>>;
  let reviewMs = 0;
  let owner: SessionUser;
  let agent: SessionUser;
  let slug: string;
  let workspaceId: string;
  let otherSlug: string;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    emulator = await startGraphEmulatorServer({
      db: handle.db,
      app: { appId: "1", appSecret: "alert-secret" },
      onCall: () => undefined,
      templateReviewMs: () => reviewMs,
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
    const team = await seedTeam(handle.db, "Alert Shop");
    ({ owner, agent } = team);
    slug = team.workspace.slug;
    workspaceId = team.workspace.id;
    otherSlug = team.other.slug;
  });
  afterAll(async () => {
    provideReplyDeps(undefined);
    emulator.close();
    await handle.close();
  });
  beforeEach(() => {
    signedIn.user = owner;
    reviewMs = 0;
  });

  const connectNumber = async () => {
    await createChannel(handle.db, {
      workspaceId,
      phoneNumberId: `4${Date.now()}`.slice(0, 15),
      wabaId: WABA,
      displayPhoneNumber: "+254 700 555111",
      accessTokenEncrypted: encryptSecret(TOKEN, testKeyring, "channels.access_token", workspaceId),
      status: "connected",
      connectedAt: new Date(),
    });
  };
  const pageText = async (as = slug) =>
    words(render(await BotSettingsPage({ params: Promise.resolve({ workspace: as }) })));
  const form = async (alert: { name: string; language: string } | null) => ({
    ...botSettingsView(await getBotSettings(handle.db, workspaceId), [], testKeyring).values,
    alertTemplateName: alert?.name ?? "",
    alertTemplateLanguage: alert?.language ?? "",
  });
  const submit = (name: string, body: string, category = "UTILITY") =>
    createGraphClient({ baseUrl: emulator.url, version: "v25.0" }).createTemplate(WABA, TOKEN, {
      name,
      language: "en",
      category: category as "UTILITY",
      components: [
        {
          type: "BODY",
          text: body,
          example: { body_text: [[...body.matchAll(/\{\{\d+\}\}/g)].map((_, i) => `x${i}`)] },
        },
      ],
    });

  it("says plainly, without a number, that WhatsApp alerts cannot be delivered and why", async () => {
    const text = await pageText();
    expect(text).toContain("WhatsApp alerts cannot be delivered yet");
    expect(text).toContain("Your WhatsApp number is not connected.");
    expect(text).toContain(
      "WhatsApp lets a business write first only with a message template it has approved: free text reaches only people who wrote to your number in the last 24 hours",
    );
    expect(text).toContain("the conversation is only flagged in the inbox");
  });

  it("with a number but no template chosen, says the same and offers Parley's own template", async () => {
    await connectNumber();
    const html = render(await BotSettingsPage({ params: Promise.resolve({ workspace: slug }) }));
    const text = words(html);
    expect(text).toContain("WhatsApp alerts cannot be delivered yet");
    expect(text).toContain("No alert template is chosen.");
    expect(text).toContain("WhatsApp lets a business write first only with a message template");
    expect(text).toContain(
      "Parley fills the template's numbered blanks: {{1}} your business name, {{2}} why a person is needed, {{3}} the customer's name and number, {{4}} the customer's last message.",
    );
    expect(html).toContain('data-testid="alert-create"');
    expect(text).toContain("Create Parley's alert template");
    // The example alert names this business, and the AI's instructions suggest its own name.
    expect(text).toContain("A conversation at Alert Shop needs a person because");
    expect(text).not.toContain("Kassanga");
    expect(html).toContain('placeholder="You are the assistant of Alert Shop.');
    // The sandbox's fixed templates are offered with the number they belong to.
    expect(text).toContain("Approved templates of +254 700 555111 that Parley can fill in.");
    expect(html).toMatch(/<option value="order_update\|en_US">order_update \(en_US\)/);
  });

  it("saves an approved template Parley can fill, audit-logged, and shows how the alert reads", async () => {
    const saved = await saveBotSettingsAction(
      slug,
      await form({ name: "order_update", language: "en_US" }),
    );
    expect(saved).toMatchObject({
      ok: true,
      data: { changed: ["alertTemplateName", "alertTemplateLanguage"] },
    });
    expect(await getBotSettings(handle.db, workspaceId)).toMatchObject({
      alertTemplateName: "order_update",
      alertTemplateLanguage: "en_US",
    });
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, "bot.settings_updated")),
      );
    expect(audit?.details).toEqual({ fields: ["alertTemplateName", "alertTemplateLanguage"] });
    const text = await pageText();
    expect(text).toContain("WhatsApp alerts are ready");
    expect(text).toContain(
      "Hi Alert Shop, your order the customer asked for a person is Ana +254700123456.",
    );
  });

  it("refuses templates it cannot fill or that are not the number's, with the reason in words", async () => {
    const before = await getBotSettings(handle.db, workspaceId);
    await submit("five_blanks", "Hi {{1}} {{2}} {{3}} {{4}} and {{5}} there.");
    await submit("promo_alert", "Sale at {{1}} today.", "MARKETING");
    const refused = async (name: string, language = "en") =>
      saveBotSettingsAction(slug, await form({ name, language }));
    expect(await refused("five_blanks")).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: {
        alertTemplateName: expect.stringContaining(
          "“five_blanks” cannot carry alerts. It has 5 variables, and Parley fills at most 4",
        ),
      },
    });
    expect(await refused("promo_alert")).toMatchObject({
      fieldErrors: { alertTemplateName: expect.stringContaining("It is a marketing template") },
    });
    expect(await refused("no_such_template")).toMatchObject({
      fieldErrors: {
        alertTemplateName:
          "“no_such_template” (en) is not among your number's templates. Reload the page and choose again.",
      },
    });
    expect(await getBotSettings(handle.db, workspaceId)).toEqual(before);
    // The reasons are on the page too, beside the templates they concern.
    const text = await pageText();
    expect(text).toContain("Templates that cannot carry alerts (2)");
    expect(text).toContain("five_blanks (en) : It has 5 variables");
  });

  it("submits Parley's template for review; it may be chosen while pending, and says so", async () => {
    signedIn.user = agent;
    expect(await createAlertTemplateAction(slug, {})).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    signedIn.user = owner;
    // Another workspace's number is out of reach, as the workspace itself is.
    expect(await createAlertTemplateAction(otherSlug, {})).toMatchObject({
      ok: false,
      code: "not_member",
    });
    reviewMs = 60_000;
    const created = await createAlertTemplateAction(slug, {});
    expect(created).toMatchObject({
      ok: true,
      data: {
        template: { name: "parley_staff_alert", language: "en", status: "PENDING" },
        view: {
          kind: "ok",
          options: expect.arrayContaining([
            expect.objectContaining({
              name: "parley_staff_alert",
              status: "PENDING",
              problem: null,
            }),
          ]),
        },
      },
    });
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.workspaceId, workspaceId),
          eq(auditLog.action, "bot.alert_template_created"),
        ),
      );
    expect(audit?.details).toEqual({
      name: "parley_staff_alert",
      language: "en",
      status: "PENDING",
    });
    // Meta refuses the same template twice; the owner is told in words.
    expect(await createAlertTemplateAction(slug, {})).toMatchObject({
      ok: false,
      code: "whatsapp_refused",
      message: expect.stringContaining("WhatsApp did not take the template"),
    });
    expect(
      await saveBotSettingsAction(slug, await form({ name: "parley_staff_alert", language: "en" })),
    ).toMatchObject({ ok: true });
    const text = await pageText();
    expect(text).toContain("Waiting for WhatsApp to approve the template");
    expect(text).toContain("parley_staff_alert (en) – waiting for WhatsApp's approval");
    expect(text).not.toContain("Create Parley's alert template");
  });
});
