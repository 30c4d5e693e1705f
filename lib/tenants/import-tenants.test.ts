import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { auditLog, botSettings, channels, faqs, workspaces } from "@/db/schema";
import { hashApiKey } from "@/lib/crypto/api-keys";
import { decryptSecret } from "@/lib/crypto/secrets";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { testKeyring, uniquePhoneNumberId } from "@/lib/testing/fixtures";
import { type TenantImport, validateTenantImport } from "@/lib/validations/tenant-import";
import { importTenants } from "./import-tenants";

function file(phoneNumberId: string, overrides: Record<string, unknown> = {}): TenantImport {
  const checked = validateTenantImport({
    workspaces: [
      {
        name: "Kassangas Music Shop",
        whatsapp: {
          phoneNumberId,
          wabaId: "108912345678901",
          displayPhoneNumber: "+254 700 123456",
          accessToken: "EAAG-first-token-0123456789",
          verifyToken: "kassangas-verify-123",
        },
        bot: { enabled: true, aiEnabled: false, maxMessagesPerHour: 100 },
        faqs: [
          { question: "What are your hours?", answer: "9-18", keywords: ["hours"], priority: 10 },
        ],
        ...overrides,
      },
    ],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.data;
}

describe.each(testDatabaseKinds)("tenant import on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  it("creates a workspace with an encrypted token, hashed API key, settings and FAQs", async () => {
    const phone = uniquePhoneNumberId();
    const [result] = await importTenants(handle.db, file(phone), { keyring: testKeyring });
    expect(result).toMatchObject({
      name: "Kassangas Music Shop",
      phoneNumberId: phone,
      created: true,
    });
    expect(result?.apiKey).toMatch(/^prl_/);

    const [channel] = await handle.db
      .select()
      .from(channels)
      .where(eq(channels.phoneNumberId, phone));
    expect(channel?.status).toBe("connected");
    expect(channel?.accessTokenEncrypted).not.toContain("EAAG");
    expect(
      decryptSecret(
        channel?.accessTokenEncrypted ?? "",
        testKeyring,
        "channels.access_token",
        channel?.workspaceId ?? "",
      ),
    ).toBe("EAAG-first-token-0123456789");
    const keys = await handle.db.query.apiKeys.findMany({
      where: (k, { eq }) => eq(k.workspaceId, result?.id ?? ""),
    });
    expect(keys).toHaveLength(1);
    expect(keys[0]?.keyHash).toBe(hashApiKey(result?.apiKey ?? ""));
    expect(JSON.stringify(keys)).not.toContain(result?.apiKey ?? "-");

    const [settings] = await handle.db
      .select()
      .from(botSettings)
      .where(eq(botSettings.workspaceId, result?.id ?? ""));
    expect(settings).toMatchObject({
      enabled: true,
      aiEnabled: false,
      maxMessagesPerHour: 100,
      maxMessagesPerUserPerDay: 50,
    });
    const rows = await handle.db
      .select()
      .from(faqs)
      .where(eq(faqs.workspaceId, result?.id ?? ""));
    expect(rows.map((f) => f.question)).toEqual(["What are your hours?"]);
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.workspaceId, result?.id ?? ""));
    expect(audit.map((a) => a.action)).toEqual(["tenant.created"]);
    expect(JSON.stringify(audit)).not.toContain("EAAG");
  });

  it("is idempotent on phoneNumberId: updates in place and issues no new key", async () => {
    const phone = uniquePhoneNumberId();
    const [first] = await importTenants(handle.db, file(phone), { keyring: testKeyring });
    const [second] = await importTenants(
      handle.db,
      file(phone, {
        name: "Kassangas Music",
        faqs: [
          { question: "What are your hours?", answer: "Mon-Sat 9-18" },
          { question: "Where are you?", answer: "Nairobi CBD" },
        ],
      }),
      { keyring: testKeyring },
    );
    expect(second).toMatchObject({
      id: first?.id,
      created: false,
      apiKey: null,
      name: "Kassangas Music",
    });
    const ws = await handle.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, first?.id ?? ""));
    expect(ws[0]?.name).toBe("Kassangas Music");
    const rows = await handle.db
      .select()
      .from(faqs)
      .where(eq(faqs.workspaceId, first?.id ?? ""));
    expect(rows.map((f) => [f.question, f.answer]).sort()).toEqual([
      ["What are your hours?", "Mon-Sat 9-18"],
      ["Where are you?", "Nairobi CBD"],
    ]);
    const chans = await handle.db
      .select()
      .from(channels)
      .where(eq(channels.workspaceId, first?.id ?? ""));
    expect(chans).toHaveLength(1);
  });

  it("carries hours, the outside-hours mode, language, assistant notice and wording", async () => {
    const phone = uniquePhoneNumberId();
    const bot = {
      timezone: "America/Sao_Paulo",
      businessHours: { "1": ["09:00-18:00"] },
      outsideHours: "closed_only",
      defaultLanguage: "pt",
      aiDisclosure: false,
      systemMessages: { pt: { aiDisclosure: "Você fala com um assistente." } },
    };
    const [first] = await importTenants(handle.db, file(phone, { bot }), {
      keyring: testKeyring,
    });
    const stored = async () =>
      (
        await handle.db
          .select()
          .from(botSettings)
          .where(eq(botSettings.workspaceId, first?.id ?? ""))
      )[0];
    expect(await stored()).toMatchObject(bot);
    // A re-import leaves the settings it does not name as they are, and clears what it empties.
    await importTenants(handle.db, file(phone, { bot: { outsideHours: "answer" } }), {
      keyring: testKeyring,
    });
    expect(await stored()).toMatchObject({ ...bot, outsideHours: "answer" });
    await importTenants(
      handle.db,
      file(phone, { bot: { systemMessages: null, businessHours: null } }),
      { keyring: testKeyring },
    );
    expect(await stored()).toMatchObject({
      systemMessages: null,
      businessHours: null,
      defaultLanguage: "pt",
    });
  });

  it("stores other wordings of a question, and keeps them when a later file leaves them out", async () => {
    const phone = uniquePhoneNumberId();
    const hours = { question: "What are your hours?", answer: "9-18" };
    const [first] = await importTenants(
      handle.db,
      file(phone, {
        faqs: [
          {
            ...hours,
            examples: [" when do u open ", "WHEN DO U OPEN", "", "What are your hours?"],
          },
        ],
      }),
      { keyring: testKeyring },
    );
    const examples = async () =>
      (
        await handle.db
          .select({ examples: faqs.examples })
          .from(faqs)
          .where(eq(faqs.workspaceId, first?.id ?? ""))
      ).map((f) => f.examples);
    expect(await examples()).toEqual([["when do u open"]]);
    await importTenants(handle.db, file(phone, { faqs: [hours] }), { keyring: testKeyring });
    expect(await examples()).toEqual([["when do u open"]]);
    await importTenants(
      handle.db,
      file(phone, { faqs: [{ ...hours, examples: ["open on sunday?"] }] }),
      { keyring: testKeyring },
    );
    expect(await examples()).toEqual([["open on sunday?"]]);
  });

  it("re-imports a workspace that names only its phone number", async () => {
    const checked = validateTenantImport({
      workspaces: [{ name: "Minimal", whatsapp: { phoneNumberId: uniquePhoneNumberId() } }],
    });
    if (!checked.ok) throw new Error("fixture");
    const [first] = await importTenants(handle.db, checked.data, { keyring: testKeyring });
    const [second] = await importTenants(handle.db, checked.data, { keyring: testKeyring });
    expect(second).toMatchObject({ id: first?.id, created: false, apiKey: null });
    const [channel] = await handle.db
      .select()
      .from(channels)
      .where(eq(channels.workspaceId, first?.id ?? ""));
    expect(channel?.status).toBe("pending");
    expect(channel?.verifyTokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rotates keys on request: old key revoked, new one printed", async () => {
    const phone = uniquePhoneNumberId();
    const [first] = await importTenants(handle.db, file(phone), { keyring: testKeyring });
    const [again] = await importTenants(handle.db, file(phone), {
      keyring: testKeyring,
      rotateKeys: true,
    });
    expect(again?.apiKey).toMatch(/^prl_/);
    expect(again?.apiKey).not.toBe(first?.apiKey);
    const keys = await handle.db.query.apiKeys.findMany({
      where: (k, { eq }) => eq(k.workspaceId, first?.id ?? ""),
    });
    expect(keys.filter((k) => k.revokedAt === null).map((k) => k.keyHash)).toEqual([
      hashApiKey(again?.apiKey ?? ""),
    ]);
  });

  it("gives two businesses of the same name distinct slugs", async () => {
    const a = await importTenants(handle.db, file(uniquePhoneNumberId(), { name: "Café Olé" }), {
      keyring: testKeyring,
    });
    const b = await importTenants(handle.db, file(uniquePhoneNumberId(), { name: "Café Olé" }), {
      keyring: testKeyring,
    });
    const rows = await handle.db.query.workspaces.findMany({
      where: (w, { inArray }) => inArray(w.id, [a[0]?.id ?? "", b[0]?.id ?? ""]),
    });
    expect(rows.map((r) => r.slug).sort()).toEqual(["cafe-ole", "cafe-ole-2"]);
  });

  it("writes nothing when the database refuses any workspace in the file", async () => {
    const before = await handle.db.$count(workspaces);
    const good = file(uniquePhoneNumberId()).workspaces[0];
    const bad = file(uniquePhoneNumberId()).workspaces[0];
    if (!good || !bad) throw new Error("fixture");
    // Past validation, an out-of-range integer makes PostgreSQL fail on the second workspace.
    bad.faqs = [{ question: "Overflow?", answer: "yes", priority: 2 ** 40 }];
    await expect(
      importTenants(handle.db, { workspaces: [good, bad] }, { keyring: testKeyring }),
    ).rejects.toThrow();
    expect(await handle.db.$count(workspaces)).toBe(before);
    expect(
      await handle.db.$count(channels, eq(channels.phoneNumberId, good.whatsapp.phoneNumberId)),
    ).toBe(0);
  });
});
