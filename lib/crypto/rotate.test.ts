import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { createSandboxAccount, getSandboxAccount } from "@/db/queries/sandbox";
import { createSignupSession, updateSignupSession } from "@/db/queries/signup-sessions";
import { channels } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { createKeyring } from "./keyring";
import { reencryptAll } from "./rotate";
import { decryptSecret, encryptSecret, secretKeyId } from "./secrets";

describe.each(testDatabaseKinds)("key rotation on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  it("re-encrypts every secret under the new key, and is a no-op the second time", async () => {
    const ws = await seedWorkspace(handle.db);
    const newKey = randomBytes(32).toString("base64");
    const oldBase64 = testKeyring.current.key.toString("base64");
    const rotating = createKeyring(newKey, oldBase64);

    const report = await reencryptAll(handle.db, rotating);
    const token = report.find((r) => r.context === "channels.access_token");
    expect(token?.reencrypted).toBeGreaterThanOrEqual(1);
    expect(
      report.find((r) => r.context === "channels.verify_token")?.reencrypted,
    ).toBeGreaterThanOrEqual(1);

    const [row] = await handle.db.select().from(channels).where(eq(channels.id, ws.channelId));
    const envelope = row?.accessTokenEncrypted ?? "";
    expect(secretKeyId(envelope)).toBe(rotating.current.id);
    // Only the new key is needed from now on.
    expect(
      decryptSecret(envelope, createKeyring(newKey), "channels.access_token", ws.workspaceId),
    ).toBe("EAAG-test-token-0123456789");
    const again = await reencryptAll(handle.db, rotating);
    expect(again.every((r) => r.reencrypted === 0)).toBe(true);
  });

  it("covers the onboarding secrets: signup sessions and sandbox accounts", async () => {
    // Its own database: the test above left other rows under a key this one does not hold.
    const fresh = await createTestDatabase(kind);
    const db = fresh.db;
    const ws = await seedWorkspace(db, "Rotating Signup");
    const seal = (value: string, context: string, owner = ws.workspaceId) =>
      encryptSecret(value, testKeyring, context, owner);
    const session = await createSignupSession(db, {
      workspaceId: ws.workspaceId,
      createdBy: null,
      flow: "embedded",
    });
    await updateSignupSession(db, {
      workspaceId: ws.workspaceId,
      id: session.id,
      accessTokenEncrypted: seal("EAAG-session-token", "signup_sessions.access_token"),
      registrationPinEncrypted: seal("123456", "signup_sessions.registration_pin"),
    });
    await createSandboxAccount(db, {
      phoneNumberId: "155500000000001",
      wabaId: "155500000000002",
      businessId: "155500000000003",
      displayPhoneNumber: "+1 555 000 0001",
      verifiedName: "Rotating",
      accessTokenEncrypted: seal(
        "EAAG-account-token",
        "sandbox_accounts.access_token",
        "155500000000002",
      ),
    });
    const newKey = randomBytes(32).toString("base64");
    const rotating = createKeyring(newKey, testKeyring.current.key.toString("base64"));
    const report = await reencryptAll(db, rotating);
    for (const context of [
      "signup_sessions.access_token",
      "signup_sessions.registration_pin",
      "sandbox_accounts.access_token",
    ]) {
      expect(report.find((r) => r.context === context)).toMatchObject({ total: 1, reencrypted: 1 });
    }
    const account = await getSandboxAccount(db, "155500000000001");
    expect(
      decryptSecret(
        account?.accessTokenEncrypted ?? "",
        createKeyring(newKey),
        "sandbox_accounts.access_token",
        "155500000000002",
      ),
    ).toBe("EAAG-account-token");
    await fresh.close();
  });
});
