import { expect, test } from "./fixtures";
import { connectSandboxNumber, signUpOwner } from "./session";

test("the bot answers the simulated phone: welcome, FAQ answer, then AI or the fallback", async ({
  page,
  tenants,
  tempFile,
  dbKind,
}, info) => {
  await signUpOwner(page, { dbKind, business: "Kassangas Music Shop" });
  const phoneNumberId = await connectSandboxNumber(page);
  // The bot's settings and FAQ come from a tenant file, matched to the workspace by its number.
  const imported = tenants([
    "import",
    tempFile({
      workspaces: [
        {
          name: "Kassangas Music Shop",
          whatsapp: { phoneNumberId },
          bot: {
            welcomeMessage: "Hi! Ask me anything about our shop.",
            fallbackMessage: "Sorry, I can't answer that yet. A person will get back to you.",
          },
          faqs: [
            {
              question: "What are your business hours?",
              answer: "Mon-Fri 9-18, Sat 10-16.",
              keywords: ["hours", "open"],
            },
          ],
        },
      ],
    }),
  ]);
  expect(imported.status, imported.stderr).toBe(0);

  await page.goto("/sandbox/phone");
  await page.getByLabel("Business number").selectOption(phoneNumberId);
  await page.getByLabel("Your phone number").fill(`2547${String(Date.now()).slice(-8)}`);
  await page.getByLabel("Your name").fill("Achieng");
  const send = async (text: string) => {
    await page.getByLabel("Message").fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
  };
  const replies = page.getByTestId("thread").locator('[data-direction="to_customer"]');

  await send("when are you open on saturday?");
  await expect(replies).toHaveCount(2, { timeout: 15_000 });
  await expect(replies.nth(0)).toContainText("Hi! Ask me anything about our shop.");
  await expect(replies.nth(1)).toContainText("Mon-Fri 9-18, Sat 10-16.");

  await send("Do you sell second-hand guitars?");
  await expect(replies).toHaveCount(3, { timeout: 15_000 });
  // The PGlite server is configured with an AI provider (a local stub); the PostgreSQL one is not.
  await expect(replies.nth(2)).toContainText(
    dbKind === "pglite"
      ? "AI: Do you sell second-hand guitars?"
      : "Sorry, I can't answer that yet. A person will get back to you.",
  );
  await page.screenshot({ path: info.outputPath("bot-reply.png"), fullPage: true });
});
