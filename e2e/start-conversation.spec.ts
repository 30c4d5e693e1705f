import { expect, test } from "./fixtures";
import { fromBusiness } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

test("an owner starts a conversation with a contact through an approved template; it reaches the phone and the reply lands in the inbox", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(180_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Lisbon Bikes" });
  const phoneNumberId = await connectSandboxNumber(page);
  const stamp = String(Date.now()).slice(-7);
  const waId = `35191${stamp}`;
  const name = `Marta Sousa ${dbKind}`;

  // A contact who has never written, added by import.
  await page.goto(`/${slug}/contacts`);
  await page.getByTestId("contact-import-open").click();
  await page.getByTestId("contact-import-text").fill(`phone,name\n+351 91 ${stamp},${name}`);
  await page.getByTestId("contact-import-submit").click();
  await expect(page.getByTestId("contact-import-done")).toContainText("1 added");
  await page
    .getByTestId("contact-row")
    .filter({ hasText: name })
    .getByTestId("contact-open")
    .click();
  await expect(page.getByTestId("contact-title")).toHaveText(name);

  // Message: the new conversation page names the contact and offers the approved templates.
  await page.screenshot({ path: info.outputPath("contact-message.png") });
  await page.getByRole("link", { name: "Message" }).click();
  await expect(page.getByTestId("recipient-name")).toHaveText(name);
  await page.getByLabel("Template").selectOption({ label: "order_update (en_US) · utility" });
  await page.getByLabel("Body value {{1}}").fill("Marta");
  await page.getByLabel("Body value {{2}}").fill("B-42");
  await expect(page.getByRole("button", { name: "Start conversation" })).toBeDisabled();
  await page.getByLabel("Body value {{3}}").fill("ready to collect");
  await expect(page.getByTestId("template-preview")).toHaveText(
    "Hi Marta, your order B-42 is ready to collect.",
  );
  await page.screenshot({ path: info.outputPath("new-conversation.png"), fullPage: true });
  await page.getByRole("button", { name: "Start conversation" }).click();

  // The owner lands in the conversation, which the inbox lists; the template reaches the phone.
  await expect(page).toHaveURL(new RegExp(`/${slug}/inbox/[0-9a-f-]{36}$`));
  const thread = page.getByTestId("thread");
  const sent = thread
    .locator('[data-direction="outbound"]')
    .filter({ hasText: "your order B-42 is ready to collect" });
  await expect(sent).toBeVisible({ timeout: 15_000 });
  await expect(sent).toHaveAttribute("data-status", /sent|delivered/, { timeout: 20_000 });
  await expect(page.getByTestId("inbox-row").filter({ hasText: name })).toBeVisible();
  await expect(page.getByTestId("conversation-status")).toHaveText(/You are answering/);

  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await phone.getByLabel("Your phone number").fill(waId);
  await phone.getByLabel("Your name").fill(name);
  await expect(fromBusiness(phone).last()).toContainText(
    "Hi Marta, your order B-42 is ready to collect.",
    { timeout: 20_000 },
  );

  // The customer answers: the reply shows in the same conversation, and the bot stays silent
  // since a person started it.
  await phone.getByLabel("Message").fill("Great, I'll come by at 5");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(thread.getByText("Great, I'll come by at 5", { exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(sent).toHaveAttribute("data-status", "read", { timeout: 20_000 });
  await expect(fromBusiness(phone)).toHaveCount(1);
  await page.screenshot({ path: info.outputPath("started-conversation.png") });

  // From the inbox, New finds her by name, or takes a phone number.
  await page.getByRole("link", { name: "New", exact: true }).click();
  await expect(page.getByLabel("Phone number")).toBeVisible();
  await page.getByRole("textbox", { name: "Search contacts" }).fill("Marta");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("contact-results")).toContainText(name);
  await page.screenshot({ path: info.outputPath("new-conversation-search.png") });
});
