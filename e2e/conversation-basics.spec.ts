import { expect, test } from "./fixtures";
import { connectSandboxNumber, signUpOwner } from "./session";

test("a greeting gets a greeting, not the fallback; STOP in Swahili is confirmed in the owner's Swahili wording", async ({
  page,
  dbKind,
}, info) => {
  const { slug } = await signUpOwner(page, { dbKind, business: "Duka la Muziki" });
  const phoneNumberId = await connectSandboxNumber(page);

  // The owner writes their own Swahili opt-out confirmation; Parley's wording shows until then.
  await page.goto(`/${slug}/bot`);
  const languages = page.getByTestId("language-messages");
  await languages.locator("summary").click();
  await page.getByTestId("messages-language").selectOption("sw");
  const optOut = page.getByTestId("message-optOut");
  await expect(optOut).toHaveAttribute("placeholder", /Umejiondoa/);
  await optOut.fill("Umejiondoa kwenye Duka la Muziki. Tuma ANZA kurudi.");
  await page.getByTestId("settings-save").click();
  await expect(page.getByTestId("settings-saved")).toBeVisible();
  await page.reload();
  await page.getByTestId("language-messages").locator("summary").click();
  await expect(page.getByTestId("language-messages")).toContainText("your wording in Kiswahili");
  await page.getByTestId("messages-language").selectOption("sw");
  await expect(page.getByTestId("message-optOut")).toHaveValue(
    "Umejiondoa kwenye Duka la Muziki. Tuma ANZA kurudi.",
  );
  await page.screenshot({ path: info.outputPath("bot-settings-languages.png"), fullPage: true });
  await page
    .getByTestId("language-messages")
    .locator("..")
    .screenshot({ path: info.outputPath("bot-messages-section.png") });

  await page.goto("/sandbox/phone");
  await page.getByLabel("Business number").selectOption(phoneNumberId);
  await page.getByLabel("Your phone number").fill(`2557${String(Date.now()).slice(-8)}`);
  const sent = page.getByTestId("thread").locator('[data-direction="from_customer"]');
  const send = async (text: string) => {
    const before = await sent.count();
    await page.getByLabel("Message").fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(sent).toHaveCount(before + 1);
  };
  const replies = page.getByTestId("thread").locator('[data-direction="to_customer"]');

  await send("hi");
  // With AI answering (the PGlite server has a stub provider), a new customer is first told
  // that an automated assistant answers; the greeting follows. Never the fallback.
  const greeted = dbKind === "pglite" ? 2 : 1;
  await expect(replies).toHaveCount(greeted, { timeout: 15_000 });
  if (dbKind === "pglite") {
    await expect(replies.nth(0)).toContainText("automated assistant");
  }
  await expect(replies.nth(greeted - 1)).toContainText("How can I help you?");
  await expect(page.getByTestId("thread")).not.toContainText("can't answer that");

  await send("asante");
  await send("ACHA");
  await expect(replies).toHaveCount(greeted + 1, { timeout: 15_000 });
  await expect(replies.last()).toContainText("Umejiondoa kwenye Duka la Muziki");
  await page.screenshot({ path: info.outputPath("phone-basics.png"), fullPage: true });
});
