import { expect, test } from "./fixtures";
import { signUpOwner } from "./session";

// The PGlite server has an AI provider; the PostgreSQL one has none (playwright.config.ts).
test("the bot settings tell the truth about AI and closed hours", async ({
  page,
  dbKind,
}, info) => {
  const { slug } = await signUpOwner(page, { dbKind, business: "Harbour Bakery" });
  await page.goto(`/${slug}/bot`);
  const ai = page.getByTestId("ai-enabled");
  const provider = page.getByLabel("AI provider");
  if (dbKind === "postgres") {
    await expect(ai).not.toBeChecked();
    await expect(ai).toBeDisabled();
    await expect(page.getByTestId("ai-no-provider")).toContainText(
      "sends your fallback message and passes the conversation to your team",
    );
    await expect(page.locator("body")).not.toContainText("already paid for");
    await expect(page.locator("body")).not.toContainText("then with AI");
    await expect(page.locator("body")).not.toContainText("then asks the AI");
    await expect(provider).toHaveValue("");
  } else {
    await expect(ai).toBeChecked();
    await expect(ai).toBeEnabled();
    await expect(page.getByTestId("ai-no-provider")).toHaveCount(0);
  }
  await page.getByTestId("ai-enabled").scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath(`bot-settings-ai-${dbKind}.png`), fullPage: true });

  // Outside hours: answer and add the away note by default; the owner can choose otherwise.
  const outside = page.getByTestId("outside-hours");
  await expect(outside).toHaveValue("answer");
  await outside.selectOption("closed_only");
  await page.getByTestId("settings-save").click();
  await expect(page.getByTestId("settings-saved")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("outside-hours")).toHaveValue("closed_only");
  await page.getByTestId("outside-hours").scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath(`bot-settings-hours-${dbKind}.png`) });

  // The instructions suggest this business's name; the messages say whose wording goes where.
  await expect(page.getByTestId("system-prompt")).toHaveAttribute(
    "placeholder",
    /^You are the assistant of Harbour Bakery\./,
  );
  await expect(page.locator("body")).not.toContainText("Kassanga");
  const languages = page.getByTestId("language-messages");
  await languages.locator("summary").click();
  await expect(page.getByTestId("language-messages-own")).toContainText(
    "goes to customers in every language you leave empty",
  );
  await languages.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath(`bot-settings-languages-${dbKind}.png`) });
});
