import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";
import { connectSandboxNumber, connectSandboxNumberByHand, PASSWORD, signUpOwner } from "./session";

test("a customer chats from the simulated phone; messages reach the app through the real webhook", async ({
  page,
  tenants,
  tempFile,
  request,
  dbKind,
}, info) => {
  await signUpOwner(page, { dbKind, business: "Mama Oliech Restaurant" });
  const { phoneNumberId, accessToken: token } = await connectSandboxNumberByHand(page);
  // The phone's own mechanics are under test here, so the bot stays out of the thread; the
  // import (matched on the number) also issues an API key to read what the app stored.
  const imported = tenants([
    "import",
    "--rotate-keys",
    tempFile({
      workspaces: [
        { name: "Mama Oliech Restaurant", whatsapp: { phoneNumberId }, bot: { enabled: false } },
      ],
    }),
  ]);
  expect(imported.status, imported.stderr).toBe(0);
  const apiKey =
    (JSON.parse(imported.stdout) as { workspaces: { apiKey: string }[] }).workspaces[0]?.apiKey ??
    "";
  const customer = `2547${String(Date.now()).slice(-8)}`;

  await page.goto("/sandbox/phone");
  await page.getByLabel("Business number").selectOption(phoneNumberId);
  await page.getByLabel("Your phone number").fill(customer);
  await page.getByLabel("Your name").fill("Wanjiru");
  await page.getByLabel("Message").fill("Hello! Do you deliver to Kilimani?");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const thread = page.getByTestId("thread");
  await expect(thread.locator('[data-direction="from_customer"]')).toContainText(
    "Do you deliver to Kilimani?",
  );

  const auth = { authorization: `Bearer ${apiKey}` };
  await expect(async () => {
    const list = await (await request.get("/api/v1/conversations", { headers: auth })).json();
    expect(list.data[0]).toMatchObject({ contact: { waId: customer, name: "Wanjiru" } });
  }).toPass({ timeout: 10_000 });
  const conversationId = (
    await (await request.get("/api/v1/conversations", { headers: auth })).json()
  ).data[0].id;

  // The business answers through the Graph API emulator, as Parley's client does.
  const reply = await request.post(`/sandbox/graph/v25.0/${phoneNumberId}/messages`, {
    headers: { authorization: `Bearer ${token}` },
    data: {
      messaging_product: "whatsapp",
      to: `+${customer}`,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Yes, we deliver to Kilimani. Shall we take your order?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "order", title: "Order now" } },
            { type: "reply", reply: { id: "later", title: "Maybe later" } },
          ],
        },
      },
    },
  });
  expect(reply.status()).toBe(200);
  const wrongToken = await request.post(`/sandbox/graph/v25.0/${phoneNumberId}/messages`, {
    headers: { authorization: "Bearer EAAG-not-this-numbers-token" },
    data: { messaging_product: "whatsapp", to: `+${customer}`, type: "text", text: { body: "x" } },
  });
  expect(wrongToken.status()).toBe(401);
  expect((await wrongToken.json()).error.code).toBe(190);

  const business = thread.locator('[data-direction="to_customer"]');
  await expect(business).toContainText("we deliver to Kilimani");
  // The phone shows the message, so it is read: blue ticks.
  await expect(business.locator('[data-status="read"]')).toBeVisible({ timeout: 10_000 });

  await business.getByRole("button", { name: "Order now" }).click();
  await expect(thread.locator('[data-direction="from_customer"]').last()).toContainText(
    "Order now",
  );
  await page.getByRole("button", { name: "Share location" }).click();
  await expect(thread.locator('[data-direction="from_customer"]').last()).toContainText(
    "Kenyatta Avenue",
  );

  // A photo: a tiny PNG, uploaded as Meta keeps media, delivered with its media id.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );
  await page
    .getByTestId("photo-input")
    .setInputFiles({ name: "menu.png", mimeType: "image/png", buffer: png });
  await expect(thread.locator('[data-direction="from_customer"]').last()).toContainText("Photo");
  // WhatsApp takes JPEG or PNG photos; anything else is refused on the phone, in place.
  await page.getByTestId("photo-input").setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("not an image"),
  });
  await expect(
    page.getByRole("alert").filter({ hasText: "WhatsApp accepts JPEG or PNG images." }),
  ).toBeVisible();
  await business.hover();
  await business.getByRole("button", { name: "React 👍" }).click();
  await expect(thread.locator('[data-direction="from_customer"]').last()).toContainText(
    "Reacted 👍",
  );

  await expect(async () => {
    const messages = (
      await (
        await request.get(`/api/v1/conversations/${conversationId}/messages`, { headers: auth })
      ).json()
    ).data;
    expect(messages.map((m: { type: string; text: string }) => [m.type, m.text])).toEqual([
      ["text", "Hello! Do you deliver to Kilimani?"],
      ["interactive", "Order now"],
      ["location", "Kenyatta Avenue, Nairobi"],
      ["image", null],
      ["reaction", "👍"],
    ]);
  }).toPass({ timeout: 10_000 });
  await page.screenshot({ path: info.outputPath("sandbox-phone.png"), fullPage: true });
});

test("with no number yet, a demo business can be created from the phone page and messaged", async ({
  page,
  dbKind,
}, info) => {
  await signUpOwner(page, { dbKind, business: "Demo Seeker" });
  await page.goto("/sandbox/phone");
  await page.screenshot({ path: info.outputPath("phone-no-numbers.png"), fullPage: true });
  await page.getByRole("button", { name: "Create a demo business" }).click();
  const select = page.getByLabel("Business number");
  await expect(select).toBeVisible();
  await expect(select.locator("option")).toHaveCount(1);
  await page.getByLabel("Your phone number").fill(`2547${String(Date.now()).slice(-8)}`);
  await page.getByLabel("Message").fill("What are your opening hours?");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  // The bot marks it read and answers from the demo business's FAQ.
  await expect(
    page.getByTestId("thread").locator('[data-direction="from_customer"] [data-status="read"]'),
  ).toBeVisible({ timeout: 15_000 });
  await expect(
    page.getByTestId("thread").locator('[data-direction="to_customer"]').last(),
  ).toContainText("Every day, 7am to 7pm.");
  // The demo business is one of this owner's workspaces now.
  await page.goto("/app");
  await expect(page.getByRole("heading", { name: "Demo Coffee Shop", level: 1 })).toBeVisible();
});

async function ownerWithNumber(browser: Browser, dbKind: string, business: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { email } = await signUpOwner(page, { dbKind, business });
  const phoneNumberId = await connectSandboxNumber(page);
  const wabaId = (await page.getByTestId("channel-waba-id").textContent())?.trim() ?? "";
  return { context, page, email, phoneNumberId, wabaId };
}

test("the simulated phone needs sign-in and shows each owner only their own businesses", async ({
  page,
  browser,
  dbKind,
}, info) => {
  test.setTimeout(120_000);
  const business = `Nyama Choma Corner ${Date.now()}`;
  const bob = await ownerWithNumber(browser, dbKind, business);

  // Signed out: to sign-in, and the API lists nothing.
  const visit = await page.goto("/sandbox/phone");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsandbox%2Fphone$/);
  expect(await visit?.text()).not.toContain(business);
  const listed = await page.request.get("/sandbox/api/phone/thread");
  expect(listed.status()).toBe(401);
  const body = await listed.text();
  expect(body).not.toContain(bob.phoneNumberId);
  expect(body).not.toContain(business);

  // Signing in brings the owner back to the phone, with their number on it.
  await page.getByLabel("E-mail").fill(bob.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/sandbox\/phone$/, { timeout: 30_000 });
  await expect(page.getByLabel("Business number").locator("option")).toHaveAttribute(
    "value",
    bob.phoneNumberId,
  );

  // Another owner sees their own number only, and cannot message Bob's.
  const alice = await (await browser.newContext()).newPage();
  await signUpOwner(alice, { dbKind, business: "Alice Tailoring" });
  const own = await connectSandboxNumber(alice);
  await alice.goto("/sandbox/phone");
  const options = alice.getByLabel("Business number").locator("option");
  await expect(options).toHaveCount(1);
  await expect(options).toHaveAttribute("value", own);
  await expect(alice.locator("main")).not.toContainText(business);
  const list = await (await alice.request.get("/sandbox/api/phone/thread")).text();
  expect(list).toContain(own);
  expect(list).not.toContain(bob.phoneNumberId);
  expect(list).not.toContain(business);
  const sent = await alice.request.post("/sandbox/api/phone/send", {
    data: { phoneNumberId: bob.phoneNumberId, customer: "254700111222", kind: "text", text: "hi" },
  });
  expect(sent.status()).toBe(404);
  await alice.screenshot({ path: info.outputPath("phone-own-numbers.png"), fullPage: true });
  await alice.context().close();
  await bob.context.close();
});

test("a sandbox signup never takes a number another workspace holds", async ({
  page,
  browser,
  dbKind,
}) => {
  test.setTimeout(120_000);
  const bob = await ownerWithNumber(browser, dbKind, "Held Number Shop");
  await signUpOwner(page, { dbKind, business: "Number Grabber" });

  // Adding a number to Bob's WhatsApp Business account, or re-running the signup for his
  // number, is refused as for an account the sandbox does not know.
  const added = await page.request.post("/sandbox/api/signup/add-number", {
    data: { wabaId: bob.wabaId },
  });
  expect(added.status()).toBe(404);
  const again = await page.request.post("/sandbox/api/signup", {
    data: {
      businessName: "Grab",
      verifiedName: "Grab",
      withNumber: true,
      phoneNumberId: bob.phoneNumberId,
    },
  });
  expect(again.status()).toBe(404);
  const popup = await page.goto(
    `/sandbox/signup?app_id=1000000000000001&config_id=2000000000000002&phone_number_id=${bob.phoneNumberId}`,
  );
  expect(popup?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Unknown number" })).toBeVisible();

  // Bob keeps his number: still connected, and his customers still get answers on it.
  await bob.page.reload();
  await expect(bob.page.getByTestId("channel-status")).toHaveText("Connected");
  const phone = await bob.context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(bob.phoneNumberId);
  await phone.getByLabel("Your phone number").fill(`2547${String(Date.now()).slice(-8)}`);
  await phone.getByLabel("Message").fill("Are you still there?");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(
    phone.getByTestId("thread").locator('[data-direction="to_customer"]').first(),
  ).toBeVisible({ timeout: 20_000 });
  await bob.context.close();
});
