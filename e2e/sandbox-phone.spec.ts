import { expect, freshPhoneNumberId, test } from "./fixtures";

test("a customer chats from the simulated phone; messages reach the app through the real webhook", async ({
  page,
  tenants,
  tempFile,
  request,
}, info) => {
  const phoneNumberId = freshPhoneNumberId();
  const token = `EAAG-phone-${phoneNumberId}`;
  const imported = tenants([
    "import",
    tempFile({
      workspaces: [
        {
          name: "Mama Oliech Restaurant",
          whatsapp: {
            phoneNumberId,
            wabaId: "400000000000001",
            displayPhoneNumber: "+254 700 555000",
            accessToken: token,
          },
          // The phone's own mechanics are under test here, so the bot stays out of the thread.
          bot: { enabled: false },
        },
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
    .locator('input[type="file"]')
    .setInputFiles({ name: "menu.png", mimeType: "image/png", buffer: png });
  await expect(thread.locator('[data-direction="from_customer"]').last()).toContainText("Photo");
  // WhatsApp takes JPEG or PNG photos; anything else is refused on the phone, in place.
  await page.locator('input[type="file"]').setInputFiles({
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

test("with no setup, a demo business can be created from the phone page and messaged", async ({
  page,
  request,
}) => {
  const created = await request.post("/sandbox/api/phone/demo");
  expect(created.status()).toBe(200);
  const { phoneNumberId } = (await created.json()) as { phoneNumberId: string };
  await page.goto("/");
  await page.getByRole("link", { name: "Open the simulated phone" }).click();
  await page.getByLabel("Business number").selectOption(phoneNumberId);
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
});
