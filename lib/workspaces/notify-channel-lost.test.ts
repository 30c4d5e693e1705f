import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { createChannel } from "@/db/queries/channels";
import { addMembership } from "@/db/queries/memberships";
import { auditLog, channels } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { uniquePhoneNumberId } from "@/lib/testing/fixtures";
import { startSmtpCapture } from "@/lib/testing/smtp-capture";
import { accountUpdate, envelope } from "@/lib/testing/webhook-payloads";
import { seedUser } from "@/lib/testing/workspace-context";
import { receiveWebhook } from "@/lib/webhooks/handle-webhook";
import { signPayload } from "@/lib/whatsapp/signature";
import { createOwnedWorkspace } from "./create-workspace";

const SECRET = "notify-test-secret";

describe.each(testDatabaseKinds)("owners told when Meta revokes a number (%s)", (kind) => {
  let handle: DatabaseHandle;
  let capture: Awaited<ReturnType<typeof startSmtpCapture>>;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    capture = await startSmtpCapture();
  });
  afterAll(async () => {
    await capture.close();
    await handle.close();
  });

  it("marks the channel disconnected and e-mails owners and admins, once", async () => {
    const db = handle.db;
    const owner = await seedUser(db, "owner");
    const admin = await seedUser(db, "admin");
    const agent = await seedUser(db, "agent");
    const ws = await createOwnedWorkspace(db, { name: "Revoked Shop", userId: owner.id });
    await addMembership(db, { workspaceId: ws.id, userId: admin.id, role: "admin" });
    await addMembership(db, { workspaceId: ws.id, userId: agent.id, role: "agent" });
    const wabaId = "310000000000001";
    const channel = await createChannel(db, {
      workspaceId: ws.id,
      phoneNumberId: uniquePhoneNumberId(),
      wabaId,
      displayPhoneNumber: "+1 555 010 2030",
      status: "connected",
    });

    const tasks: Promise<void>[] = [];
    const deliver = async () => {
      const raw = JSON.stringify(envelope(accountUpdate(wabaId, "PARTNER_APP_UNINSTALLED")));
      const res = await receiveWebhook(
        new Request("http://localhost/api/webhooks/whatsapp", {
          method: "POST",
          body: raw,
          headers: { "x-hub-signature-256": signPayload(raw, SECRET) },
        }),
        {
          db: async () => db,
          appSecret: SECRET,
          schedule: (task) => {
            tasks.push(Promise.resolve().then(task));
          },
          notify: { appUrl: "https://parley.example", smtp: capture.smtp },
        },
      );
      await Promise.all(tasks.splice(0));
      // The e-mail is sent after the response; give the transport a moment to finish.
      for (let i = 0; i < 50 && capture.mails.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      return res.status;
    };

    expect(await deliver()).toBe(200);
    const [row] = await db.select().from(channels).where(eq(channels.id, channel.id));
    expect(row?.status).toBe("disconnected");
    expect(row?.statusReason).toContain("access was removed in Meta");

    expect(capture.mails).toHaveLength(1);
    expect(capture.mails[0]?.to.sort()).toEqual([owner.email, admin.email].sort());
    expect(capture.mails[0]?.raw).toContain(
      "Subject: Revoked Shop: your WhatsApp number was disconnected",
    );
    expect(capture.mails[0]?.raw).toContain(`https://parley.example/${ws.slug}/whatsapp`);

    // Meta delivers the same event again: nothing more is sent or recorded.
    expect(await deliver()).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(capture.mails).toHaveLength(1);
    const audit = await db
      .select({ action: auditLog.action, actorType: auditLog.actorType, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.target, channel.id)));
    expect(audit.map((a) => a.action).sort()).toEqual([
      "channel.disconnected",
      "channel.owners_notified",
    ]);
    expect(audit.find((a) => a.action === "channel.owners_notified")?.details).toEqual({
      emailed: 2,
    });
  });
});
