import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { fromBusiness } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

/** The simulated customer's phone, open on one business number and one customer. */
async function openPhone(page: Page, p: { phoneNumberId: string; customer: string; name: string }) {
  await page.goto("/sandbox/phone");
  await page.getByLabel("Business number").selectOption(p.phoneNumberId);
  await page.getByLabel("Your phone number").fill(p.customer);
  await page.getByLabel("Your name").fill(p.name);
}

async function customerSends(phone: Page, text: string) {
  await phone.getByLabel("Message").fill(text);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(phone.getByTestId("thread").getByText(text, { exact: true })).toBeVisible();
}

// A 48×32 PNG, as a customer's photo.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAN0lEQVR4nO3OQQ0AMAgEMIShCTnTOxccjyYV0Oo3p1R8ICQkJJQeCAkJCaUHQkJCQumBkJDQsg/hxoBq3OhJ8AAAAABJRU5ErkJggg==",
  "base64",
);

test("an agent sees a new customer live, takes over, replies with ticks, hands back, and sends a template once the window has closed", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(180_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Harbour Books" });
  const phoneNumberId = await connectSandboxNumber(page);
  const customer = `3519${String(Date.now()).slice(-8)}`;
  const name = `Amina ${dbKind}`;

  await page.goto(`/${slug}/inbox`);
  await expect(page.getByText("Choose a conversation")).toBeVisible();

  // The customer writes; the conversation appears in the open inbox without a reload.
  const phone = await context.newPage();
  await openPhone(phone, { phoneNumberId, customer, name });
  await customerSends(phone, "Hello, where is my order 5521?");
  const row = page.getByTestId("inbox-row").filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 15_000 });
  // The bot answers first: with the AI where the server has one, after the notice that the
  // customer is talking to an automated assistant; else with its fallback message alone.
  const botFirst = dbKind === "pglite" ? 2 : 1;
  await expect(fromBusiness(phone)).toHaveCount(botFirst, { timeout: 20_000 });

  // Take over: the bot stops, and the agent's reply reaches the phone and is read there.
  await row.click();
  const thread = page.getByTestId("thread");
  await expect(thread.getByText("Hello, where is my order 5521?", { exact: true })).toBeVisible();
  await expect(thread.getByTestId("source-badge").nth(botFirst - 1)).toHaveText(
    dbKind === "pglite" ? /AI/ : /System/,
  );
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.getByRole("button", { name: /Take over/ }).click();
  await expect(page.getByTestId("conversation-status")).toHaveText(/You are answering/);
  await expect(thread.getByText(/took over from the bot/)).toBeVisible();
  await expect(page.getByTestId("window-countdown")).toContainText(
    /Reply window closes in 2\d h|23 h/,
  );

  const reply = "Hi! Your order 5521 ships *today*.";
  await page.getByLabel("Reply to the customer").fill(reply);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(fromBusiness(phone).last()).toContainText("Your order 5521 ships", {
    timeout: 20_000,
  });
  const sent = thread.locator('[data-direction="outbound"]').filter({ hasText: "ships" });
  await expect(sent).toHaveAttribute("data-status", "read", { timeout: 20_000 });
  await expect(sent.getByLabel("Read")).toBeVisible();

  // A note stays inside the team.
  await page.getByRole("tab", { name: "Internal note" }).click();
  await page
    .getByRole("textbox", { name: "Internal note" })
    .fill("Customer is anxious, check with the warehouse.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(thread.getByTestId("note")).toContainText("check with the warehouse");
  await page.getByRole("tab", { name: "Reply" }).click();

  // While a person answers, the bot stays silent.
  await customerSends(phone, "Thank you!");
  await expect(thread.getByText("Thank you!", { exact: true })).toBeVisible({ timeout: 15_000 });
  await page.waitForTimeout(3000);
  await expect(fromBusiness(phone)).toHaveCount(botFirst + 1);
  await page.screenshot({ path: info.outputPath("inbox-person-answering.png") });

  // Handed back, the bot answers the next message.
  await page.getByRole("button", { name: /Hand back to bot/ }).click();
  await expect(page.getByTestId("conversation-status")).toHaveText("Bot is answering");
  await customerSends(phone, "One more question please");
  await expect(fromBusiness(phone)).toHaveCount(botFirst + 2, { timeout: 20_000 });

  // A location, a photo and a reaction show as such; the photo comes through the app's server.
  // (The phone's reaction buttons show on hover; the click is dispatched, since the bot's answers
  // arriving meanwhile scroll the chat from under the pointer.)
  await fromBusiness(phone)
    .filter({ hasText: "Your order 5521 ships" })
    .getByRole("button", { name: "React 👍", includeHidden: true })
    .dispatchEvent("click");
  await phone.getByRole("button", { name: "Share location" }).click();
  await phone
    .getByTestId("photo-input")
    .setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: PNG });
  await expect(thread.getByTestId("message-location").getByRole("link")).toHaveAttribute(
    "href",
    /openstreetmap\.org/,
    { timeout: 15_000 },
  );
  const photo = thread.locator('[data-type="image"] img');
  await expect(photo).toHaveAttribute("src", new RegExp(`^/${slug}/inbox/media/`));
  await expect
    .poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 })
    .toBeGreaterThan(0);
  await expect(sent.getByTestId("message-reaction")).toContainText("👍", { timeout: 15_000 });
  await page.screenshot({ path: info.outputPath("inbox-message-types.png") });

  // A day later the window is closed: only an approved template can be sent.
  await phone.getByTestId("sandbox-skip-time").click();
  await phone.getByTestId("sandbox-skip-time-confirm").click();
  await expect(phone.getByTestId("sandbox-skip-time-done")).toBeVisible();
  await expect(page.getByTestId("window-closed")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel("Reply to the customer")).toHaveCount(0);
  await page.getByLabel("Template").selectOption({ label: "order_update (en_US) · utility" });
  await page.getByLabel("Body value {{1}}").fill(name);
  await page.getByLabel("Body value {{2}}").fill("5521");
  await page.getByLabel("Body value {{3}}").fill("on its way");
  await expect(page.getByTestId("template-preview")).toContainText(
    `Hi ${name}, your order 5521 is on its way.`,
  );
  await page.screenshot({ path: info.outputPath("inbox-template.png") });
  await page.getByRole("button", { name: "Send template" }).click();
  await expect(fromBusiness(phone).last()).toContainText(`your order 5521 is on its way`, {
    timeout: 20_000,
  });
  await expect(
    thread.locator('[data-direction="outbound"]').filter({ hasText: "on its way" }),
  ).toHaveAttribute("data-status", /delivered|read/, { timeout: 20_000 });

  // On a phone the list and the conversation take the screen in turn.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("inbox-list")).toBeHidden();
  await page.screenshot({ path: info.outputPath("inbox-phone-conversation.png") });
  await page.getByRole("link", { name: "Back to conversations" }).click();
  await expect(page.getByTestId("inbox-list")).toBeVisible();
  await page.screenshot({ path: info.outputPath("inbox-phone-list.png") });
});
