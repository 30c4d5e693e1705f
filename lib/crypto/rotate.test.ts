import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { channels } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { createKeyring } from "./keyring";
import { reencryptAll } from "./rotate";
import { decryptSecret, secretKeyId } from "./secrets";

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
    expect(decryptSecret(envelope, createKeyring(newKey), "channels.access_token")).toBe(
      "EAAG-test-token-0123456789",
    );
    const again = await reencryptAll(handle.db, rotating);
    expect(again.every((r) => r.reencrypted === 0)).toBe(true);
  });
});
