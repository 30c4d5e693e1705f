import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { upsertBotSettings } from "@/db/queries/bot-settings";
import { createSandboxAccount } from "@/db/queries/sandbox";
import { botSettings, channels, sandboxAccounts } from "@/db/schema";
import { readChannelVerifyToken } from "@/lib/onboarding/read-verify-token";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { encryptLegacySecret } from "@/lib/testing/legacy-secret";
import { createKeyring } from "./keyring";
import { reencryptAll } from "./rotate";
import { decryptSecret, isSecretDecryptionError } from "./secrets";
import { upgradeLegacySecrets } from "./upgrade-legacy";

const TOKEN = "channels.access_token";

describe.each(testDatabaseKinds)("secrets bound to their workspace on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());
  // One database, and the tests run in order: each leaves only current secrets behind, but the
  // last, which leaves one no key opens.

  const channelRow = async (id: string) =>
    (await handle.db.select().from(channels).where(eq(channels.id, id)))[0];

  it("a secret copied into another workspace's row does not open there", async () => {
    const a = await seedWorkspace(handle.db, "Copy From");
    const b = await seedWorkspace(handle.db, "Copy To");
    const deps = { db: handle.db, keyring: testKeyring };
    const fromA = (await channelRow(a.channelId))?.verifyTokenEncrypted ?? "";
    await handle.db
      .update(channels)
      .set({ verifyTokenEncrypted: fromA })
      .where(eq(channels.id, b.channelId));
    const read = readChannelVerifyToken(deps, {
      workspaceId: b.workspaceId,
      channelId: b.channelId,
    });
    await expect(read).rejects.toSatisfy(isSecretDecryptionError);
    // In its own row it still opens.
    expect(
      await readChannelVerifyToken(deps, { workspaceId: a.workspaceId, channelId: a.channelId }),
    ).toEqual(expect.any(String));
  });

  it("at start, leaves current secrets under a previous key for keys:rotate", async () => {
    const db = handle.db;
    const ws = await seedWorkspace(db, "Previous Key Shop");
    const rotating = createKeyring(
      randomBytes(32).toString("base64"),
      testKeyring.current.key.toString("base64"),
    );
    const report = await upgradeLegacySecrets(db, rotating);
    expect(report.every((r) => r.reencrypted === 0)).toBe(true);
    const row = (await db.select().from(channels).where(eq(channels.id, ws.channelId)))[0];
    expect(row?.accessTokenEncrypted?.split(".")[1]).toBe(testKeyring.current.id);
  });

  it("re-encrypts v1 secrets at start, in every column, so they open for their own workspace", async () => {
    const db = handle.db;
    const ws = await seedWorkspace(db, "Legacy Shop");
    const legacy = (value: string, context: string) =>
      encryptLegacySecret(value, testKeyring, context);
    await db
      .update(channels)
      .set({
        accessTokenEncrypted: legacy("EAAG-legacy-token", TOKEN),
        verifyTokenEncrypted: legacy("legacy-verify", "channels.verify_token"),
      })
      .where(eq(channels.id, ws.channelId));
    await upsertBotSettings(db, {
      workspaceId: ws.workspaceId,
      aiApiKeyEncrypted: legacy("sk-legacy", "bot_settings.ai_api_key"),
    });
    await createSandboxAccount(db, {
      phoneNumberId: "155500000000011",
      wabaId: "155500000000012",
      businessId: "155500000000013",
      displayPhoneNumber: "+1 555 000 0011",
      verifiedName: "Legacy",
      accessTokenEncrypted: legacy("EAAG-legacy-account", "sandbox_accounts.access_token"),
    });
    const before = (await db.select().from(channels).where(eq(channels.id, ws.channelId)))[0];
    expect(() =>
      decryptSecret(before?.accessTokenEncrypted ?? "", testKeyring, TOKEN, ws.workspaceId),
    ).toThrow(/predates workspace binding/);

    const report = await upgradeLegacySecrets(db, testKeyring);
    for (const context of [
      TOKEN,
      "channels.verify_token",
      "bot_settings.ai_api_key",
      "sandbox_accounts.access_token",
    ]) {
      expect(report.find((r) => r.context === context)).toMatchObject({
        reencrypted: 1,
        unreadable: 0,
      });
    }
    const after = (await db.select().from(channels).where(eq(channels.id, ws.channelId)))[0];
    expect(after?.accessTokenEncrypted?.startsWith("v2.")).toBe(true);
    expect(
      decryptSecret(after?.accessTokenEncrypted ?? "", testKeyring, TOKEN, ws.workspaceId),
    ).toBe("EAAG-legacy-token");
    const [settings] = await db
      .select()
      .from(botSettings)
      .where(eq(botSettings.workspaceId, ws.workspaceId));
    expect(
      decryptSecret(
        settings?.aiApiKeyEncrypted ?? "",
        testKeyring,
        "bot_settings.ai_api_key",
        ws.workspaceId,
      ),
    ).toBe("sk-legacy");
    const [account] = await db
      .select()
      .from(sandboxAccounts)
      .where(eq(sandboxAccounts.phoneNumberId, "155500000000011"));
    expect(
      decryptSecret(
        account?.accessTokenEncrypted ?? "",
        testKeyring,
        "sandbox_accounts.access_token",
        "155500000000012",
      ),
    ).toBe("EAAG-legacy-account");

    // The next start finds nothing to do.
    const again = await upgradeLegacySecrets(db, testKeyring);
    expect(again.every((r) => r.reencrypted === 0 && r.unreadable === 0)).toBe(true);
  });

  it("re-encrypts in batches, each row once, with two processes running at the same time", async () => {
    const db = handle.db;
    const shops = await Promise.all(
      Array.from({ length: 7 }, (_, i) => seedWorkspace(db, `Batch Shop ${i}`)),
    );
    for (const [i, shop] of shops.entries()) {
      await db
        .update(channels)
        .set({ accessTokenEncrypted: encryptLegacySecret(`EAAG-batch-${i}`, testKeyring, TOKEN) })
        .where(eq(channels.id, shop.channelId));
    }
    const [one, two] = await Promise.all([
      reencryptAll(db, testKeyring, { scope: "legacy", batchSize: 2 }),
      reencryptAll(db, testKeyring, { scope: "legacy", batchSize: 3 }),
    ]);
    const count = (r: typeof one) => r.find((x) => x.context === TOKEN)?.reencrypted ?? 0;
    // A row both processes read is written by one of them only (compare-and-set).
    expect(count(one) + count(two)).toBe(7);
    for (const [i, shop] of shops.entries()) {
      const row = (await db.select().from(channels).where(eq(channels.id, shop.channelId)))[0];
      expect(
        decryptSecret(row?.accessTokenEncrypted ?? "", testKeyring, TOKEN, shop.workspaceId),
      ).toBe(`EAAG-batch-${i}`);
    }
  });

  it("counts, and leaves alone, secrets no key opens", async () => {
    const db = handle.db;
    const ws = await seedWorkspace(db, "Lost Key Shop");
    const lost = createKeyring(randomBytes(32).toString("base64"));
    await db
      .update(channels)
      .set({ accessTokenEncrypted: encryptLegacySecret("EAAG-lost", lost, TOKEN) })
      .where(eq(channels.id, ws.channelId));
    const report = await upgradeLegacySecrets(db, testKeyring);
    expect(report.find((r) => r.context === TOKEN)).toMatchObject({
      reencrypted: 0,
      unreadable: 1,
    });
  });
});
