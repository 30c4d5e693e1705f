import { expect, freshPhoneNumberId, test } from "./fixtures";
import { signUp, uniqueEmail } from "./session";

type Imported = {
  workspaces: {
    id: string;
    name: string;
    phoneNumberId: string;
    apiKey: string | null;
    inviteUrl?: string | null;
    owner?: { email: string; invitation: string; emailed: boolean };
  }[];
};

test("an operator imports tenants, lists them and reads each one's data with its own key", async ({
  tenants,
  tempFile,
  request,
}) => {
  const a = freshPhoneNumberId();
  const b = freshPhoneNumberId();
  const file = tempFile({
    workspaces: [
      {
        name: "Kassangas Music Shop",
        whatsapp: {
          phoneNumberId: a,
          accessToken: "EAAG-e2e-token-0123456789",
          verifyToken: "kassangas-verify-123",
        },
        bot: { enabled: true, aiEnabled: true, maxMessagesPerHour: 100 },
        faqs: [
          {
            question: "What are your business hours?",
            answer: "Mon-Fri 9-18.",
            keywords: ["hours"],
          },
        ],
      },
      { name: "Mama Oliech Restaurant", whatsapp: { phoneNumberId: b } },
    ],
  });

  const first = tenants(["import", file]);
  expect(first.stderr).not.toContain("EAAG");
  expect(first.status, first.stderr).toBe(0);
  const created = JSON.parse(first.stdout) as Imported;
  expect(created.workspaces.map((w) => [w.name, w.phoneNumberId])).toEqual([
    ["Kassangas Music Shop", a],
    ["Mama Oliech Restaurant", b],
  ]);
  for (const w of created.workspaces) expect(w.apiKey).toMatch(/^prl_/);

  // Idempotent: the same file again updates in place and prints no new keys.
  const second = tenants(["import", file]);
  expect(second.status, second.stderr).toBe(0);
  const again = JSON.parse(second.stdout) as Imported;
  expect(again.workspaces.map((w) => [w.id, w.apiKey])).toEqual(
    created.workspaces.map((w) => [w.id, null]),
  );

  const list = tenants(["list"]);
  expect(list.status).toBe(0);
  expect(list.stdout).toContain(
    `${created.workspaces[0]?.id}\tKassangas Music Shop\t${a}\tconnected`,
  );
  expect(list.stdout).toContain(
    `${created.workspaces[1]?.id}\tMama Oliech Restaurant\t${b}\tpending`,
  );
  expect(list.stdout).not.toContain("EAAG");

  const key = created.workspaces[0]?.apiKey ?? "";
  const res = await request.get("/api/v1/conversations", {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ data: [], nextCursor: null });

  const other = await request.get(
    "/api/v1/conversations/00000000-0000-4000-8000-000000000000/messages",
    {
      headers: { authorization: `Bearer ${key}` },
    },
  );
  expect(other.status()).toBe(404);

  // The key the import printed can write: an FAQ added through the API, then listed.
  const added = await request.post("/api/v1/faqs", {
    headers: { authorization: `Bearer ${key}` },
    data: { question: "Do you tune guitars?", answer: "Yes, while you wait." },
  });
  expect(added.status()).toBe(201);
  const faqs = await (
    await request.get("/api/v1/faqs", { headers: { authorization: `Bearer ${key}` } })
  ).json();
  expect(faqs.data.map((f: { question: string }) => f.question)).toContain("Do you tune guitars?");

  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(Object.keys((await doc.json()).paths)).toEqual(
    expect.arrayContaining(["/conversations", "/faqs", "/faqs/{id}"]),
  );
});

test("a bad import file is refused whole, with each problem's JSON path", async ({
  tenants,
  tempFile,
}) => {
  const good = freshPhoneNumberId();
  const file = tempFile({
    workspaces: [
      { name: "Fine Shop", whatsapp: { phoneNumberId: good } },
      { name: "", whatsapp: { phoneNumberId: 123456789 }, bot: { maxMessagesPerHour: "lots" } },
      {
        name: "Padaria Pinheiros",
        whatsapp: { phoneNumberId: freshPhoneNumberId() },
        bot: { outsideHours: "sometimes" },
      },
    ],
  });
  const run = tenants(["import", file]);
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain("nothing was imported");
  expect(run.stderr).toContain("workspaces[1].name:");
  expect(run.stderr).toContain("workspaces[1].whatsapp.phoneNumberId:");
  expect(run.stderr).toContain("workspaces[1].bot.maxMessagesPerHour:");
  expect(run.stderr).toMatch(/workspaces\[2\]\.bot\.outsideHours: .*“Padaria Pinheiros”/);
  expect(tenants(["list"]).stdout).not.toContain(good);

  const notJson = tenants(["import", tempFile("{ not json")]);
  expect(notJson.status).toBe(1);
  expect(notJson.stderr).toContain("is not valid JSON");

  const missing = tenants(["import", "/nonexistent/tenants.json"]);
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain("Cannot read /nonexistent/tenants.json");
});

test("an imported workspace's owner follows the printed invitation, signs up and owns it", async ({
  tenants,
  tempFile,
  page,
  dbKind,
}) => {
  const ownerEmail = uniqueEmail("imported-owner", dbKind);
  const file = tempFile({
    workspaces: [
      {
        name: "Mombasa Spice House",
        whatsapp: { phoneNumberId: freshPhoneNumberId() },
        ownerEmail,
      },
    ],
  });
  const first = tenants(["import", file]);
  expect(first.status, first.stderr).toBe(0);
  const [ws] = (JSON.parse(first.stdout) as Imported).workspaces;
  expect(ws?.apiKey).toMatch(/^prl_/);
  expect(ws?.inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  expect(ws?.owner).toMatchObject({ email: ownerEmail, invitation: "invited", emailed: false });
  expect(first.stderr).toContain(`give ${ownerEmail} the inviteUrl above`);

  // Again: the link printed first still works, so none is issued and the operator is told so.
  const second = tenants(["import", file]);
  expect(second.status, second.stderr).toBe(0);
  expect((JSON.parse(second.stdout) as Imported).workspaces[0]).toMatchObject({
    apiKey: null,
    inviteUrl: null,
    owner: { invitation: "pending" },
  });
  expect(second.stderr).toContain("--reinvite");

  await page.goto(new URL(ws?.inviteUrl ?? "").pathname);
  await expect(page.getByText("Join Mombasa Spice House on Parley")).toBeVisible();
  await page.getByTestId("invite-sign-up").click();
  await signUp(page, { name: "Fatma Owner", email: ownerEmail });
  await page.getByTestId("invite-accept").click();
  await expect(page).toHaveURL(/\/mombasa-spice-house(-\d+)?$/, { timeout: 30_000 });
  // An owner: the workspace's settings and WhatsApp pages are theirs.
  const nav = page.getByRole("navigation", { name: "Workspace" });
  await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];
  const members = await page.goto(`/${slug}/settings/members`);
  expect(members?.status()).toBe(200);
  await expect(page.getByTestId(`member-row-${ownerEmail}`).getByTestId("member-role")).toHaveText(
    "Owner",
  );

  const third = tenants(["import", file]);
  expect((JSON.parse(third.stdout) as Imported).workspaces[0]?.owner).toMatchObject({
    invitation: "member",
  });
});
