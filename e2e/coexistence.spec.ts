import { expect, test } from "./fixtures";
import { fromBusiness } from "./phone";
import { signUpOwner } from "./session";

// The sandbox's WhatsApp Business app comes with these (lib/sandbox/emulator-coexistence.ts).
const AMINA = { waId: "254711200301", name: "Amina Otieno" };

test("an owner connects the number they use in the WhatsApp Business app: its contacts and chats come in, and a reply from the phone stops the bot", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(300_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Duka la Mikate" });

  const option = page.getByTestId("business-app-option");
  await option.focus();
  await page.keyboard.press("Space");
  await expect(option).toHaveAttribute("data-state", "checked");
  await page.screenshot({ path: info.outputPath("1-business-app-option.png"), fullPage: true });

  const popup = page.waitForEvent("popup");
  await page.getByTestId("connect-facebook").click();
  const signup = await popup;
  await expect(signup.getByTestId("sandbox-business-app")).toBeVisible();
  await expect(signup.getByTestId("sandbox-share-history")).toBeChecked();
  await expect(signup.getByTestId("sandbox-finish-only-waba")).toHaveCount(0);
  await signup.screenshot({ path: info.outputPath("2-simulated-signup.png") });
  const closed = signup.waitForEvent("close");
  await signup.getByTestId("sandbox-finish").evaluate((b: HTMLElement) => {
    setTimeout(() => b.click(), 0);
  });
  await closed;

  const steps = page.getByTestId("signup-steps");
  for (const step of ["exchange", "token", "subscribe", "details", "sync"]) {
    await expect(steps.getByTestId(`signup-step-${step}`)).toHaveAttribute("data-status", "ok", {
      timeout: 30_000,
    });
  }
  await expect(steps.getByTestId("signup-step-register")).toHaveAttribute("data-status", "skipped");
  await page.screenshot({ path: info.outputPath("3-connected.png"), fullPage: true });
  await page.reload();
  const phoneNumberId = (await page.getByTestId("channel-phone-number-id").textContent())?.trim();
  expect(phoneNumberId).toMatch(/^\d{15}$/);

  // The app's address book is in Contacts, by the names the owner gave them.
  await page.goto(`/${slug}/contacts`);
  await expect(page.getByTestId("contact-row")).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByTestId("contact-row").filter({ hasText: AMINA.name })).toBeVisible();
  await page.screenshot({ path: info.outputPath("4-contacts.png"), fullPage: true });

  // The chats of the last days are in the inbox, both sides, the owner's marked as such.
  await page.goto(`/${slug}/inbox`);
  const row = page.getByTestId("inbox-row").filter({ hasText: AMINA.name });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const thread = page.getByTestId("thread");
  await expect(thread.getByText("Hello, do you deliver to Westlands?")).toBeVisible();
  const ownersOld = thread
    .locator("[data-testid=source-badge]", { hasText: "Owner's phone" })
    .first();
  await expect(ownersOld).toBeVisible();
  await expect(thread.getByTestId("imported-badge").first()).toBeVisible();
  await expect(page.getByTestId("conversation-status")).toHaveText(/Bot/);
  await page.screenshot({ path: info.outputPath("5-history.png"), fullPage: true });

  // Amina writes today: the bot answers as before.
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId ?? "");
  await phone.getByLabel("Your phone number").fill(AMINA.waId);
  await phone.getByLabel("Your name").fill("Amina");
  await phone.getByLabel("Message").fill("Can I order a birthday cake for Friday?");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(fromBusiness(phone)).not.toHaveCount(0, { timeout: 30_000 });

  // The owner answers from the WhatsApp Business app on their phone.
  await phone
    .getByLabel("Reply from the Business app")
    .fill("Of course! I'll call you in 5 minutes.");
  await phone.getByRole("button", { name: "Send from the Business app" }).click();
  await expect(
    phone.getByTestId("thread").getByText("Of course! I'll call you in 5 minutes."),
  ).toBeVisible();
  await phone.screenshot({ path: info.outputPath("6-phone.png"), fullPage: true });

  const reply = thread
    .locator("li, div", { hasText: "Of course! I'll call you in 5 minutes." })
    .last();
  await expect(reply).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("conversation-status")).toHaveText(
    /owner is answering from the WhatsApp Business app/,
    { timeout: 15_000 },
  );
  await expect(page.getByTestId("timeline-event").last()).toContainText(
    "The owner replied from the WhatsApp Business app, so the bot stopped",
  );
  // The inbox list says who has the chat too (under the name her phone now gives).
  const listed = page.getByTestId("inbox-row").filter({ hasText: "Amina" });
  await expect(listed).toContainText("Owner answering in the Business app", { timeout: 15_000 });
  await expect(listed).not.toContainText("A person is answering");

  // Her next message gets no answer from the bot: the owner has the chat.
  const before = await fromBusiness(phone).count();
  await phone.getByLabel("Message").fill("Perfect, talk soon");
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(thread.getByText("Perfect, talk soon")).toBeVisible({ timeout: 15_000 });
  await phone.waitForTimeout(5000);
  await expect(fromBusiness(phone)).toHaveCount(before);
  await page.screenshot({ path: info.outputPath("7-owner-took-over.png"), fullPage: true });

  // On a phone-sized screen the thread says the same.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("conversation-status")).toHaveText(
    /owner is answering from the WhatsApp Business app/,
  );
  await page.screenshot({ path: info.outputPath("8-mobile.png"), fullPage: true });
});
