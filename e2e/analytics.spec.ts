import { expect, test } from "./fixtures";
import { ask } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

test("an owner reads what the bot answered, adds an unanswered question to the FAQ, and downloads the same figures", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(150_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Corner Cafe" });
  const phoneNumberId = await connectSandboxNumber(page);

  await page.goto(`/${slug}/faqs`);
  await page.getByTestId("faq-new").first().click();
  await page.getByTestId("faq-question").fill("What are your opening hours?");
  await page.getByTestId("faq-answer").fill("Every day from 8 to 18.");
  await page.getByTestId("faq-keywords").fill("hours, open");
  await page.getByTestId("faq-save").click();
  await expect(page.getByTestId("faq-row")).toHaveCount(1);

  // Three questions from two customers: one the FAQ knows, and the same one twice that it does
  // not (the PGlite server has an AI, which answers those; the PostgreSQL one falls back).
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  const stamp = String(Date.now()).slice(-7);
  await ask(phone, `35191${stamp}`, "What are your opening hours?");
  await ask(phone, `35191${stamp}`, "Do you sell gift cards?");
  await ask(phone, `35192${stamp}`, "do you sell gift cards");

  await page.goto(`/${slug}/analytics`);
  await expect(page.getByRole("heading", { name: "Analytics" })).toBeVisible();
  await expect(page.getByTestId("figure-messages-in")).toHaveText("3");
  await expect(page.getByTestId("figure-conversations-started")).toHaveText("2");
  await expect(page.getByTestId("figure-faq-hit-rate")).toHaveText("33%");
  const ai = dbKind === "pglite";
  await expect(page.getByTestId("answers-faq")).toHaveText("1");
  await expect(page.getByTestId("answers-ai")).toHaveText(ai ? "2" : "0");
  await expect(page.getByTestId("answers-fallback")).toHaveText(ai ? "0" : "2");
  await expect(page.getByTestId("figure-bot-answered")).toHaveText(ai ? "3 of 3" : "1 of 3");
  await expect(page.getByTestId("busiest-hour")).toContainText(/^Busiest: \w+day \d\d:00/);
  await page.screenshot({ path: info.outputPath("analytics.png"), fullPage: true });

  // The CSV holds the same numbers.
  const csv = await (await page.request.get(`/${slug}/analytics/export`)).text();
  expect(csv).toMatch(/Parley analytics/);
  expect(csv).toMatch(/^\d{4}-\d{2}-\d{2},3,\d+,2,2\r?$/m);
  expect(csv).toMatch(new RegExp(`^total,1,${ai ? 2 : 0},${ai ? 0 : 2},\\d+,0,3,1,0\\.33`, "m"));

  if (!ai) {
    // The question the bot did not know, asked twice, is one click from a new FAQ.
    const unanswered = page.getByTestId("unanswered-question");
    await expect(unanswered).toHaveCount(1);
    await expect(unanswered).toContainText(/gift cards/i);
    await expect(unanswered.getByTestId("unanswered-count")).toHaveText("2");
    expect(csv).toMatch(/gift cards/i);
    await unanswered.getByTestId("gap-new-entry").click();
    await expect(page.getByTestId("faq-question")).toHaveValue(/gift cards/i);
  }
});
