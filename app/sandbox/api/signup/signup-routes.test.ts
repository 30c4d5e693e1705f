import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { createChannel } from "@/db/queries/channels";
import { getSandboxAccount } from "@/db/queries/sandbox";
import type { SessionUser } from "@/lib/auth/session";
import { redeemSandboxCode } from "@/lib/sandbox/signup-codes";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedUser } from "@/lib/testing/workspace-context";
import { createOwnedWorkspace } from "@/lib/workspaces/create-workspace";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => session.user }));

const { POST: addNumber } = await import("./add-number/route");
const { POST: signup } = await import("./route");

const post = (handler: (req: Request) => Promise<Response>, body: unknown) =>
  handler(
    new Request("http://localhost/sandbox/api/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

describe.each(testDatabaseKinds)("sandbox signup routes on %s", (kind) => {
  let handle: DatabaseHandle;
  let owner: SessionUser;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    owner = await seedUser(handle.db, "sandbox-owner");
  });
  afterAll(() => handle.close());
  beforeEach(() => {
    session.user = owner;
  });

  const base = { businessName: "Sunrise Bakery Ltd", verifiedName: "Sunrise Bakery" };

  it("creates an account with a number and answers a one-time code for its token", async () => {
    const res = await post(signup, { ...base, withNumber: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toEqual({
      code: expect.stringMatching(/^sandbox-code-/),
      wabaId: expect.stringMatching(/^1\d{14}$/),
      phoneNumberId: expect.stringMatching(/^1\d{14}$/),
      businessId: expect.stringMatching(/^1\d{14}$/),
    });
    expect(JSON.stringify(body)).not.toContain("EAAG");
    const account = await getSandboxAccount(handle.db, body.phoneNumberId ?? "");
    expect(account).toMatchObject({ verifiedName: "Sunrise Bakery", wabaId: body.wabaId });
    expect(account?.displayPhoneNumber).toMatch(/^\+1 555 \d{3} \d{4}$/);
    expect(redeemSandboxCode(body.code ?? "")).toMatch(/^EAAG/);
    expect(redeemSandboxCode(body.code ?? "")).toBeNull();
  });

  it("creates a WABA without a number, to which a number can be added later", async () => {
    const res = await post(signup, { ...base, withNumber: false });
    const body = (await res.json()) as Record<string, string>;
    expect(body.phoneNumberId).toBeUndefined();
    const added = await post(addNumber, { wabaId: body.wabaId });
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({
      phoneNumberId: expect.stringMatching(/^1\d{14}$/),
      displayPhoneNumber: expect.stringMatching(/^\+1 555 /),
    });
    expect((await post(addNumber, { wabaId: "199999999999999" })).status).toBe(404);
  });

  it("re-authorizes a known number and refuses an unknown one", async () => {
    const first = (await (await post(signup, { ...base, withNumber: true })).json()) as Record<
      string,
      string
    >;
    const again = await post(signup, {
      ...base,
      withNumber: true,
      phoneNumberId: first.phoneNumberId,
    });
    expect(await again.json()).toMatchObject({
      wabaId: first.wabaId,
      phoneNumberId: first.phoneNumberId,
      businessId: first.businessId,
    });
    const unknown = await post(signup, {
      ...base,
      withNumber: true,
      phoneNumberId: "199999999999998",
    });
    expect(unknown.status).toBe(404);
  });

  it("needs a signed-in user, and only a workspace's managers re-authorize its number", async () => {
    session.user = null;
    expect((await post(signup, { ...base, withNumber: true })).status).toBe(401);
    expect((await post(addNumber, { wabaId: "123456789012345" })).status).toBe(401);

    session.user = owner;
    const created = (await (await post(signup, { ...base, withNumber: true })).json()) as {
      wabaId: string;
      phoneNumberId: string;
    };
    const ws = await createOwnedWorkspace(handle.db, { name: "Holder", userId: owner.id });
    await createChannel(handle.db, {
      workspaceId: ws.id,
      phoneNumberId: created.phoneNumberId,
      wabaId: created.wabaId,
      status: "connected",
    });
    session.user = await seedUser(handle.db, "stranger");
    const stolen = await post(signup, {
      ...base,
      withNumber: true,
      phoneNumberId: created.phoneNumberId,
    });
    expect(stolen.status).toBe(404);
    session.user = owner;
    const mine = await post(signup, {
      ...base,
      withNumber: true,
      phoneNumberId: created.phoneNumberId,
    });
    expect(mine.status).toBe(200);
  });

  it("never lets a stranger who knows a workspace's WABA id take its number", async () => {
    session.user = owner;
    const held = (await (await post(signup, { ...base, withNumber: true })).json()) as {
      wabaId: string;
      phoneNumberId: string;
    };
    const ws = await createOwnedWorkspace(handle.db, { name: "Number Holder", userId: owner.id });
    await createChannel(handle.db, {
      workspaceId: ws.id,
      phoneNumberId: held.phoneNumberId,
      wabaId: held.wabaId,
      status: "connected",
    });
    // A second number in the same WABA that no workspace has connected yet.
    const spare = (await (await post(addNumber, { wabaId: held.wabaId })).json()) as {
      phoneNumberId: string;
    };
    const tokenBefore = (await getSandboxAccount(handle.db, held.phoneNumberId))
      ?.accessTokenEncrypted;

    session.user = await seedUser(handle.db, "intruder");
    const added = await post(addNumber, { wabaId: held.wabaId });
    expect(added.status).toBe(404);
    // Re-authorizing the spare number would mint a new token for the whole WABA, the held
    // number's included.
    const viaSpare = await post(signup, {
      ...base,
      withNumber: true,
      phoneNumberId: spare.phoneNumberId,
    });
    expect(viaSpare.status).toBe(404);
    const account = await getSandboxAccount(handle.db, held.phoneNumberId);
    expect(account?.accessTokenEncrypted).toBe(tokenBefore);
  });

  it("answers 400 for a body that is not a signup", async () => {
    const res = await post(signup, { businessName: "", withNumber: "yes" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "bad_request", message: expect.any(String) },
    });
  });
});
