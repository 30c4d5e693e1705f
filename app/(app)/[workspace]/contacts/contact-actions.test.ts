import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { listAuditLog } from "@/db/queries/audit-log";
import { contacts } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { signedIn } from "@/lib/testing/guard-stubs";
import { seedTeam } from "@/lib/testing/workspace-context";

// The page's actions and the export as the browser calls them, through the real guard and
// database; only the session and Next's navigation are stand-ins.
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => import("@/lib/testing/guard-stubs").then((m) => m.nextHeaders));
vi.mock("@/lib/auth/session", () => import("@/lib/testing/guard-stubs"));
vi.mock("next/navigation", () => import("@/lib/testing/guard-stubs").then((m) => m.navigation));

const actions = await import("./actions");
const { GET: exportCsv } = await import("./export/route");

const FILE = "phone,name,tags\n+254700111222,Amina,vip\n";

describe.each(testDatabaseKinds)("Contact actions on %s", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  let agent: SessionUser;
  let outsider: SessionUser;
  let ws: { id: string; slug: string };

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    ({ owner, agent, outsider, workspace: ws } = await seedTeam(handle.db, "Contact Shop"));
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    signedIn.user = null;
  });

  const uuid = "00000000-0000-4000-8000-000000000000";
  const form = (id: string) => ({
    id,
    name: "Changed",
    tags: "a, b",
    attributes: "city=Lamu",
    optIn: "unknown" as const,
  });
  const download = (slug: string) =>
    exportCsv(new Request(`http://test/${slug}/contacts/export`), {
      params: Promise.resolve({ workspace: slug }),
    });
  const saved = () => handle.db.select().from(contacts).where(eq(contacts.workspaceId, ws.id));

  it("refuses outsiders everything, and agents import, export and erasure but not editing", async () => {
    expect(await actions.importContactsAction(ws.slug, { text: FILE })).toMatchObject({
      code: "signed_out",
    });
    signedIn.user = outsider;
    for (const r of [
      await actions.importContactsAction(ws.slug, { text: FILE }),
      await actions.previewContactImportAction(ws.slug, { text: FILE }),
      await actions.updateContactAction(ws.slug, form(uuid)),
      await actions.eraseContactAction(ws.slug, { id: uuid }),
    ])
      expect(r).toMatchObject({ ok: false, code: "not_member" });
    expect((await download(ws.slug)).status).toBe(404);
    signedIn.user = agent;
    for (const r of [
      await actions.importContactsAction(ws.slug, { text: FILE }),
      await actions.previewContactImportAction(ws.slug, { text: FILE }),
      await actions.eraseContactAction(ws.slug, { id: uuid }),
    ])
      expect(r).toMatchObject({ ok: false, code: "forbidden" });
    expect((await download(ws.slug)).status).toBe(403);
    expect(await saved()).toEqual([]);
  });

  it("the owner imports, an agent edits, the export reads back, and the owner erases", async () => {
    signedIn.user = owner;
    expect(await actions.importContactsAction(ws.slug, { text: FILE })).toMatchObject({ ok: true });
    const [amina] = await saved();
    if (!amina) throw new Error("not imported");

    signedIn.user = agent;
    const badAttributes = await actions.updateContactAction(ws.slug, {
      ...form(amina.id),
      attributes: "city Lamu",
    });
    expect(badAttributes).toMatchObject({
      ok: false,
      fieldErrors: { attributes: expect.stringContaining("name=value") },
    });
    const noSource = await actions.updateContactAction(ws.slug, {
      ...form(amina.id),
      optIn: "opted_in",
    });
    expect(noSource).toMatchObject({
      ok: false,
      fieldErrors: { optInSource: expect.stringContaining("source is needed") },
    });
    expect(
      await actions.updateContactAction(ws.slug, {
        ...form(amina.id),
        optIn: "opted_in",
        optInSource: "asked at the till",
      }),
    ).toEqual({ ok: true, data: { id: amina.id } });
    expect((await saved())[0]).toMatchObject({
      name: "Changed",
      tags: ["a", "b"],
      attributes: { city: "Lamu" },
      marketingOptIn: "opted_in",
      marketingOptInSource: "asked at the till",
    });

    signedIn.user = owner;
    const csv = await (await download(ws.slug)).text();
    expect(csv).toContain('+254700111222,Changed,"a; b",city=Lamu,yes,asked at the till,,,');
    expect(await actions.eraseContactAction(ws.slug, { id: amina.id })).toEqual({
      ok: true,
      data: { conversations: 0, messages: 0 },
    });
    expect(await saved()).toEqual([]);
    const actionsLogged = (await listAuditLog(handle.db, { workspaceId: ws.id, limit: 20 })).map(
      (a) => a.action,
    );
    expect(actionsLogged).toEqual(
      expect.arrayContaining([
        "contact.imported",
        "contact.updated",
        "contact.exported",
        "contact.erased",
      ]),
    );
  });
});
