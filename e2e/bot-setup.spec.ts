import { expect, test } from "./fixtures";
import { connectSandboxNumber, signUpOwner } from "./session";

test("an owner sets up the bot, adds and imports FAQs, tries a question, and a customer gets that answer", async ({
  page,
  dbKind,
}, info) => {
  const { slug } = await signUpOwner(page, { dbKind, business: "Lakeside Bikes" });
  const phoneNumberId = await connectSandboxNumber(page);

  // Settings: a welcome message and a fallback, saved with feedback.
  await page.goto(`/${slug}/bot`);
  await page.getByTestId("welcome-message").fill("Hi! This is Lakeside Bikes.");
  await page.getByTestId("fallback-message").fill("A mechanic will answer you soon.");
  await page.getByTestId("max-reply-length").fill("20");
  await page.getByTestId("settings-save").click();
  await expect(page.getByText("Use at least 50", { exact: false })).toBeVisible();
  await page.getByTestId("max-reply-length").fill("600");
  await page.getByTestId("settings-save").click();
  await expect(page.getByTestId("settings-saved")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("welcome-message")).toHaveValue("Hi! This is Lakeside Bikes.");
  await page.screenshot({ path: info.outputPath("bot-settings.png"), fullPage: true });

  // One FAQ by hand, with the WhatsApp preview.
  await page.goto(`/${slug}/faqs`);
  await page.getByTestId("faq-new").first().click();
  await page.getByTestId("faq-question").fill("Do you repair electric bikes?");
  await page.getByTestId("faq-answer").fill("Yes! *Electric bikes* are repaired in 2 days.");
  await expect(page.getByTestId("faq-preview")).toContainText("Electric bikes");
  await page.getByTestId("faq-keywords").fill("repair, e-bike");
  await page.getByTestId("faq-save").click();
  await expect(page.getByTestId("faq-row")).toHaveCount(1);

  // An import with one bad row is refused whole, naming the row.
  const csv = (rows: string[]) => ["question,answer,keywords,priority", ...rows].join("\n");
  await page.getByTestId("faq-import-open").click();
  await page.getByTestId("faq-import-file").setInputFiles({
    name: "faqs.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      csv([
        "When are you open?,Mon-Sat 8-18.,hours;open,5",
        "Do you rent bikes?,,rent,0",
        "Where are you?,At the lake shore.,address,0",
      ]),
    ),
  });
  await expect(page.getByTestId("faq-import-row-error").first()).toContainText("Row 3");
  await expect(page.getByTestId("faq-import-submit")).toBeDisabled();
  await page.screenshot({ path: info.outputPath("faq-import-refused.png"), fullPage: true });
  await page.getByTestId("faq-import-file").setInputFiles({
    name: "faqs.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      csv([
        "When are you open?,Mon-Sat 8-18.,hours;open,5",
        "Do you rent bikes?,Yes: 15 EUR a day.,rent,0",
      ]),
    ),
  });
  await expect(page.getByTestId("faq-import-row-error")).toHaveCount(0);
  await page.getByTestId("faq-import-submit").click();
  await expect(page.getByTestId("faq-import-done")).toBeVisible();
  await page.goto(`/${slug}/faqs`);
  await expect(page.getByTestId("faq-row")).toHaveCount(3);
  await page.screenshot({ path: info.outputPath("faqs.png"), fullPage: true });

  // Try it: the FAQ matches, with its score, and nothing is sent.
  const question = "can I rent a bike from you?";
  await page.goto(`/${slug}/try`);
  await page.getByTestId("try-question").fill(question);
  await page.getByTestId("try-ask").click();
  await expect(page.getByTestId("try-outcome")).toHaveAttribute("data-outcome", "faq");
  await expect(page.getByTestId("try-faq-score")).toBeVisible();
  const replies = page.getByTestId("try-reply");
  await expect(replies.first()).toContainText("Hi! This is Lakeside Bikes.");
  await expect(replies.last()).toContainText("Yes: 15 EUR a day.");
  await page.screenshot({ path: info.outputPath("try-it.png"), fullPage: true });

  // The customer asks the same on WhatsApp and gets the same two messages.
  await page.goto("/sandbox/phone");
  await page.getByLabel("Business number").selectOption(phoneNumberId);
  await page.getByLabel("Your phone number").fill(`3519${String(Date.now()).slice(-8)}`);
  await page.getByLabel("Message").fill(question);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const thread = page.getByTestId("thread").locator('[data-direction="to_customer"]');
  await expect(thread).toHaveCount(2, { timeout: 20_000 });
  await expect(thread.nth(0)).toContainText("Hi! This is Lakeside Bikes.");
  await expect(thread.nth(1)).toContainText("Yes: 15 EUR a day.");
});
