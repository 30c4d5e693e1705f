import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { findMember } from "@/db/queries/members";
import { invitations } from "@/db/schema";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { testKeyring, uniquePhoneNumberId } from "@/lib/testing/fixtures";
import { startSmtpCapture } from "@/lib/testing/smtp-capture";
import { seedUser } from "@/lib/testing/workspace-context";
import { validateTenantImport } from "@/lib/validations/tenant-import";
import { acceptInvitationToken, inspectInvitationToken } from "@/lib/workspaces/invitations";
import { importTenants } from "./import-tenants";

const APP = "https://parley.example";
const invites = { appUrl: APP, smtp: null };

function file(phoneNumberId: string, ownerEmail?: string) {
  const checked = validateTenantImport({
    workspaces: [{ name: "Kassangas Music Shop", whatsapp: { phoneNumberId }, ownerEmail }],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.data;
}

const tokenOf = (url: string | null | undefined) => url?.split("/invite/")[1] ?? "";

describe("the owner's e-mail in a tenant import file", () => {
  it("is checked with the file, at its JSON path", () => {
    const checked = validateTenantImport({
      workspaces: [
        { name: "A", whatsapp: { phoneNumberId: "12345678" }, ownerEmail: "owner@shop.example" },
        { name: "B", whatsapp: { phoneNumberId: "12345679" }, ownerEmail: "not an address" },
        { name: "C", whatsapp: { phoneNumberId: "12345670" }, ownerEmail: 42 },
      ],
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toEqual([
      {
        path: "workspaces[1].ownerEmail",
        message: "must be an e-mail address, such as owner@example.com",
        workspace: "B",
      },
      {
        path: "workspaces[2].ownerEmail",
        message: "must be an e-mail address, such as owner@example.com",
        workspace: "C",
      },
    ]);
  });
});

describe.each(testDatabaseKinds)("tenant import inviting the owner, on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(() => handle.close());

  const pendingFor = (workspaceId: string) =>
    handle.db
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );

  it("prints a link with which the named person signs up and becomes the workspace's owner", async () => {
    const phone = uniquePhoneNumberId();
    const user = await seedUser(handle.db, "owner");
    const [result] = await importTenants(handle.db, file(phone, user.email ?? ""), {
      keyring: testKeyring,
      invites,
    });
    expect(result?.apiKey).toMatch(/^prl_/);
    expect(result?.inviteUrl).toMatch(new RegExp(`^${APP}/invite/[A-Za-z0-9_-]{43}$`));
    expect(result?.owner).toMatchObject({ email: user.email, state: "invited", emailed: false });
    const [row] = await pendingFor(result?.id ?? "");
    expect(row).toMatchObject({ role: "owner", byOperator: true, invitedBy: null });
    expect(JSON.stringify(row)).not.toContain(tokenOf(result?.inviteUrl));

    // Someone else cannot use the link; the named person can, and is an owner.
    const stranger = await seedUser(handle.db, "stranger");
    const refused = await acceptInvitationToken(handle.db, stranger, tokenOf(result?.inviteUrl));
    expect(refused).toMatchObject({ ok: false, code: "wrong_account" });
    const accepted = await acceptInvitationToken(handle.db, user, tokenOf(result?.inviteUrl));
    expect(accepted).toMatchObject({ ok: true, data: { joined: true } });
    expect(
      await findMember(handle.db, { workspaceId: result?.id ?? "", userId: user.id }),
    ).toMatchObject({ role: "owner" });

    // Once the owner has joined, a re-import has nothing to send.
    const [again] = await importTenants(handle.db, file(phone, user.email ?? ""), {
      keyring: testKeyring,
      invites,
    });
    expect(again).toMatchObject({ inviteUrl: null, owner: { state: "member" } });
    expect(await pendingFor(result?.id ?? "")).toHaveLength(0);
  });

  it("keeps a still-valid invitation on re-import, and issues a fresh one only on request", async () => {
    const phone = uniquePhoneNumberId();
    const [first] = await importTenants(handle.db, file(phone, "Owner@Shop.example"), {
      keyring: testKeyring,
      invites,
    });
    expect(first?.owner?.email).toBe("owner@shop.example");
    const [second] = await importTenants(handle.db, file(phone, "owner@shop.example"), {
      keyring: testKeyring,
      invites,
    });
    expect(second).toMatchObject({ inviteUrl: null, owner: { state: "pending" } });
    expect(second?.owner?.expiresAt).toEqual(first?.owner?.expiresAt);
    expect(await pendingFor(first?.id ?? "")).toHaveLength(1);
    expect((await inspectInvitationToken(handle.db, tokenOf(first?.inviteUrl))).status).toBe(
      "valid",
    );

    const [fresh] = await importTenants(handle.db, file(phone, "owner@shop.example"), {
      keyring: testKeyring,
      invites,
      reinvite: true,
    });
    expect(fresh?.owner?.state).toBe("invited");
    expect(fresh?.inviteUrl).not.toBe(first?.inviteUrl);
    expect(await pendingFor(first?.id ?? "")).toHaveLength(1);
    expect((await inspectInvitationToken(handle.db, tokenOf(first?.inviteUrl))).status).toBe(
      "revoked",
    );

    // Another owner named later: the earlier address's link stops working.
    const [other] = await importTenants(handle.db, file(phone, "new-owner@shop.example"), {
      keyring: testKeyring,
      invites,
    });
    expect(other?.owner?.state).toBe("invited");
    const pending = await pendingFor(first?.id ?? "");
    expect(pending.map((p) => p.email)).toEqual(["new-owner@shop.example"]);
    expect((await inspectInvitationToken(handle.db, tokenOf(fresh?.inviteUrl))).status).toBe(
      "revoked",
    );
  });

  it("mails the link when SMTP is set, once the import is written", async () => {
    const capture = await startSmtpCapture();
    try {
      const [result] = await importTenants(
        handle.db,
        file(uniquePhoneNumberId(), "mailed@shop.example"),
        { keyring: testKeyring, invites: { appUrl: APP, smtp: capture.smtp } },
      );
      expect(result?.owner?.emailed).toBe(true);
      expect(capture.mails).toHaveLength(1);
      expect(capture.mails[0]?.to).toEqual(["mailed@shop.example"]);
      const raw = capture.mails[0]?.raw.replace(/=\r?\n/g, "") ?? "";
      expect(raw).toContain(tokenOf(result?.inviteUrl));
      expect(raw).toContain("Kassangas Music Shop");

      // A re-import mails nothing while the link works.
      await importTenants(handle.db, file(result?.phoneNumberId ?? "", "mailed@shop.example"), {
        keyring: testKeyring,
        invites: { appUrl: APP, smtp: capture.smtp },
      });
      expect(capture.mails).toHaveLength(1);
    } finally {
      await capture.close();
    }
  });

  it("issues no invitation when the import is refused", async () => {
    const good = file(uniquePhoneNumberId(), "refused@shop.example").workspaces[0];
    const bad = file(uniquePhoneNumberId()).workspaces[0];
    if (!good || !bad) throw new Error("fixture");
    bad.faqs = [{ question: "Overflow?", answer: "yes", priority: 2 ** 40 }];
    await expect(
      importTenants(handle.db, { workspaces: [good, bad] }, { keyring: testKeyring, invites }),
    ).rejects.toThrow();
    expect(await handle.db.$count(invitations, eq(invitations.email, "refused@shop.example"))).toBe(
      0,
    );
  });
});
