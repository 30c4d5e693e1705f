import { writeFileSync } from "node:fs";
import { startTestSite } from "@/lib/testing/knowledge-site";
import { makePdf } from "@/lib/testing/test-pdf";
import { expect, test } from "./fixtures";
import { ask, fromBusiness } from "./phone";
import { e2ePort } from "./ports";
import { connectSandboxNumber, signUpOwner } from "./session";

type StubRequest = { body: { messages: { role: string; content: string }[] } };

const QUESTION = "How long is the warranty on the gears?";

test("an owner adds a document and a website; the bot answers from the document and shows where", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(180_000);
  const site = await startTestSite();
  try {
    const { slug } = await signUpOwner(page, { dbKind, business: "Juniper Bikes" });
    const phoneNumberId = await connectSandboxNumber(page);

    await page.getByRole("link", { name: "Knowledge" }).click();
    await expect(page).toHaveURL(new RegExp(`/${slug}/knowledge$`));
    await expect(page.getByTestId("knowledge-empty")).toBeVisible();
    await expect(page.getByTestId("add-document")).toContainText("up to 20 MB");

    // A price list and warranty PDF: the only place the gears' warranty is written.
    const pdfPath = info.outputPath("warranty.pdf");
    writeFileSync(
      pdfPath,
      await makePdf([
        ["Price list", "", "City bicycle: 25,000 shillings", "Mountain bicycle: 48,000 shillings"],
        [
          "Warranty",
          "",
          "Every frame has a lifetime warranty.",
          "Gears and brakes are covered for two years from the day of purchase.",
        ],
      ]),
    );
    await page.locator("#knowledge-file").setInputFiles(pdfPath);
    await page.getByTestId("add-document-submit").click();
    const pdfRow = page.getByTestId("knowledge-source").filter({ hasText: "warranty" });
    await expect(pdfRow).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
    await expect(pdfRow).toContainText("PDF");
    await expect(pdfRow).toContainText("2 passages");

    // A website: its sitemap's and links' pages, not what robots.txt forbids.
    await page.getByLabel("Website address").fill(`${site.origin}/`);
    await page.getByLabel("Pages to read").fill("10");
    await page.getByLabel("Read again").selectOption("168");
    await page.getByTestId("add-website-submit").click();
    const siteRow = page.getByTestId("knowledge-source").filter({ hasText: "Website" }).first();
    await expect(siteRow).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
    await expect(siteRow).toContainText("3 pages");
    await expect(siteRow).toContainText("Read again every week");
    expect(site.hits.some((h) => h.startsWith("/private/"))).toBe(false);

    // A site that does not let us in says so, in words.
    await page.getByLabel("Website address").fill(`${site.origin}/private/prices`);
    await page.getByTestId("add-website-submit").click();
    const blocked = page.getByTestId("knowledge-source").filter({ hasText: "/private/prices" });
    await expect(blocked).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
    await expect(blocked.getByTestId("knowledge-failure")).toContainText(
      "robots.txt does not allow automated reading",
    );
    await page.screenshot({ path: info.outputPath("knowledge-page.png"), fullPage: true });

    // Deleting asks once more.
    await blocked.getByTestId("knowledge-delete").click();
    await page.getByRole("alertdialog").getByTestId("knowledge-delete-confirm").click();
    await expect(blocked).toHaveCount(0);

    const phone = await context.newPage();
    await phone.goto("/sandbox/phone");
    await phone.getByLabel("Business number").selectOption(phoneNumberId);
    const customer = `2547${String(Date.now()).slice(-8)}`;
    await ask(phone, customer, QUESTION);

    if (dbKind !== "pglite") {
      // The PostgreSQL server has no AI provider: the customer gets the fallback, and the
      // knowledge offers the owner its passage as the answer of a new FAQ entry.
      await expect(fromBusiness(phone).last()).toContainText("A person will get back to you");
      await page.goto(`/${slug}/analytics`);
      const gap = page.getByTestId("unanswered-question").filter({ hasText: QUESTION });
      await expect(gap.getByTestId("unanswered-knowledge")).toContainText(
        "Gears and brakes are covered for two years",
      );
      await expect(gap.getByTestId("unanswered-knowledge")).toContainText("warranty · Page 2");
      await page.screenshot({ path: info.outputPath("knowledge-gap.png"), fullPage: true });
      await gap.getByRole("link", { name: "New FAQ entry from this passage" }).click();
      await expect(page.getByTestId("faq-question")).toHaveValue(QUESTION);
      await expect(page.getByTestId("faq-answer")).toHaveValue(/Gears and brakes are covered/);
      return;
    }
    await expect(fromBusiness(phone).last()).toContainText(`AI: ${QUESTION}`);

    // The model was shown the passage that answers, from the document.
    const shown = (await (
      await page.request.get(`http://127.0.0.1:${e2ePort(3199)}/requests`)
    ).json()) as StubRequest[];
    const prompt = shown.filter((r) => r.body.messages.at(-1)?.content === QUESTION).at(-1)?.body
      .messages[0]?.content;
    expect(prompt).toContain("[Passage 1] warranty · Page 2 · Warranty");
    expect(prompt).toContain("Gears and brakes are covered for two years");

    // The inbox shows the passage behind the answer.
    await page.goto(`/${slug}/inbox`);
    await page.getByTestId("inbox-row").first().click();
    const used = page.getByTestId("message-knowledge").last();
    await expect(used).toContainText("Based on 1 passage from your knowledge");
    await used.locator("summary").click();
    await expect(used.getByTestId("used-passage")).toContainText("warranty · Page 2 · Warranty");
    await expect(used.getByTestId("used-passage")).toContainText("covered for two years");
    await page.screenshot({ path: info.outputPath("knowledge-inbox.png"), fullPage: true });

    // So does Try it, with the website's page address for a question the website answers.
    await page.goto(`/${slug}/try`);
    await page.getByTestId("try-question").fill("How much is delivery of an assembled bicycle?");
    await page.getByTestId("try-ask").click();
    const tried = page.getByTestId("try-knowledge");
    await expect(tried).toContainText("Delivery");
    await expect(tried.getByRole("link", { name: `${site.origin}/delivery` })).toBeVisible();
    await page.screenshot({ path: info.outputPath("knowledge-try.png"), fullPage: true });
  } finally {
    await site.close();
  }
});
