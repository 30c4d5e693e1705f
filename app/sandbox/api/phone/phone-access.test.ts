import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, provideDatabase } from "@/db";
import { addMembership } from "@/db/queries/memberships";
import type { SessionUser } from "@/lib/auth/session";
import { createTestDatabase, testDatabaseKinds } from "@/lib/testing/databases";
import { seedWorkspace } from "@/lib/testing/fixtures";
import { seedUser } from "@/lib/testing/workspace-context";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => session.user }));

const { GET: thread } = await import("./thread/route");
const { POST: send } = await import("./send/route");
const { POST: read } = await import("./read/route");
const { POST: demo } = await import("./demo/route");

const get = (query = "") =>
  thread(new Request(`http://localhost/sandbox/api/phone/thread${query}`));
const post = (handler: (req: Request) => Promise<Response>, body: unknown) =>
  handler(
    new Request("http://localhost/sandbox/api/phone", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

type Listed = { numbers: { phoneNumberId: string; workspaceName: string }[] };

describe.each(testDatabaseKinds)("the simulated phone's routes on %s", (kind) => {
  let handle: DatabaseHandle;
  let alice: SessionUser;
  let bob: SessionUser;
  let aliceShop: Awaited<ReturnType<typeof seedWorkspace>>;
  let bobShop: Awaited<ReturnType<typeof seedWorkspace>>;
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    provideDatabase(handle);
    alice = await seedUser(handle.db, "alice");
    bob = await seedUser(handle.db, "bob");
    aliceShop = await seedWorkspace(handle.db, "Alice Bakery");
    bobShop = await seedWorkspace(handle.db, "Bob Secret Garage");
    await addMembership(handle.db, {
      workspaceId: aliceShop.workspaceId,
      userId: alice.id,
      role: "agent",
    });
    await addMembership(handle.db, {
      workspaceId: bobShop.workspaceId,
      userId: bob.id,
      role: "owner",
    });
    // A webhook delivery would go to the app; the phone's own checks are under test here.
    globalThis.fetch = (async () => new Response("{}")) as unknown as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await handle.close();
  });

  it("answers 401 to a visitor who is not signed in, listing nothing", async () => {
    session.user = null;
    const listed = await get();
    expect(listed.status).toBe(401);
    const body = await listed.text();
    expect(JSON.parse(body)).toEqual({
      error: { code: "unauthorized", message: expect.any(String) },
    });
    expect(body).not.toContain(aliceShop.phoneNumberId);
    expect(body).not.toContain("Bakery");
    const sent = await post(send, {
      phoneNumberId: aliceShop.phoneNumberId,
      customer: "254700000001",
      kind: "text",
      text: "hello",
    });
    expect(sent.status).toBe(401);
    expect((await post(demo, {})).status).toBe(401);
  });

  it("lists only the numbers of the user's own workspaces", async () => {
    session.user = alice;
    const body = await (await get()).text();
    const listed = JSON.parse(body) as Listed;
    expect(listed.numbers.map((n) => n.phoneNumberId)).toEqual([aliceShop.phoneNumberId]);
    expect(body).not.toContain(bobShop.phoneNumberId);
    expect(body).not.toContain("Bob Secret Garage");
  });

  it("refuses another workspace's number as unknown, for reading, sending and read receipts", async () => {
    session.user = alice;
    const other = { phoneNumberId: bobShop.phoneNumberId, customer: "254700000002" };
    for (const res of [
      await get(`?phoneNumberId=${other.phoneNumberId}&customer=${other.customer}`),
      await post(send, { ...other, kind: "text", text: "let me in" }),
      await post(read, other),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Bob Secret Garage");
    }
    const mine = await post(send, {
      phoneNumberId: aliceShop.phoneNumberId,
      customer: "254700000002",
      kind: "text",
      text: "hello",
    });
    expect(mine.status).toBe(200);
  });

  it("makes the user the owner of a demo business, which nobody else sees", async () => {
    session.user = bob;
    const made = await demo(
      new Request("http://localhost/sandbox/api/phone/demo", { method: "POST" }),
    );
    expect(made.status).toBe(200);
    const { phoneNumberId } = (await made.json()) as { phoneNumberId: string };
    const bobs = (await (await get()).json()) as Listed;
    expect(bobs.numbers).toContainEqual(
      expect.objectContaining({ phoneNumberId, workspaceName: "Demo Coffee Shop" }),
    );
    session.user = alice;
    const alices = (await (await get()).json()) as Listed;
    expect(alices.numbers.map((n) => n.phoneNumberId)).not.toContain(phoneNumberId);
  });
});
