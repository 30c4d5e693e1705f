import { expect, test } from "./fixtures";
import { ask } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

test("an owner adds another wording to an FAQ entry, sees why Try it ranks it, and closes a gap group in one click", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(150_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Holiday Florist" });
  const phoneNumberId = await connectSandboxNumber(page);

  // Without AI, questions the FAQ does not know get the fallback and count as unanswered.
  await page.goto(`/${slug}/bot`);
  const ai = page.getByTestId("ai-enabled");
  if (await ai.isChecked()) {
    await ai.uncheck();
    await page.getByTestId("settings-save").click();
    await expect(page.getByTestId("settings-saved")).toBeVisible();
  }

  // The FAQ entry with one other wording, added through the form.
  await page.goto(`/${slug}/faqs`);
  await page.getByTestId("faq-new").first().click();
  await page.getByTestId("faq-question").fill("What are your opening hours?");
  await page.getByTestId("faq-answer").fill("Every day from 8 to 18, holidays included.");
  await page.getByTestId("faq-keywords").fill("hours, open");
  await page.getByTestId("faq-example-input").fill("when do you open?");
  await page.getByTestId("faq-example-add").click();
  await page.getByTestId("faq-example-input").fill("what time do u close");
  await page.getByTestId("faq-example-input").press("Enter");
  await expect(page.getByTestId("faq-example")).toHaveText([
    /when do you open\?/,
    /what time do u close/,
  ]);
  await page.getByTestId("faq-example").nth(1).getByTestId("faq-example-remove").click();
  await expect(page.getByTestId("faq-example")).toHaveCount(1);
  await page.screenshot({ path: info.outputPath("faq-editor.png"), fullPage: true });
  await page.getByTestId("faq-save").click();
  await expect(page.getByTestId("faq-row")).toHaveCount(1);
  await expect(page.getByTestId("faq-row-examples")).toHaveText("Also asked as: when do you open?");
  // A second entry, which a question about delivery time slots comes near without matching.
  await page.getByTestId("faq-new").first().click();
  await page.getByTestId("faq-question").fill("Do you deliver?");
  await page.getByTestId("faq-answer").fill("We deliver in Lisbon for 5 EUR.");
  await page.getByTestId("faq-keywords").fill("delivery");
  await page.getByTestId("faq-save").click();
  await expect(page.getByTestId("faq-row")).toHaveCount(2);

  // Try it: the entry, its score, what matched, and the language.
  await page.goto(`/${slug}/try`);
  await page.getByTestId("try-question").fill("is the garden centre next door open late");
  await page.getByTestId("try-ask").click();
  const candidate = page.getByTestId("try-candidate").first();
  await expect(candidate).toContainText("What are your opening hours?");
  await expect(candidate.getByTestId("try-candidate-score")).toHaveText(/^\d+% \(needs \d+%\)$/);
  await expect(candidate.locator("[data-signal=keyword]")).toHaveText("Keyword");
  await expect(page.getByTestId("try-language")).toContainText("English");
  // What the percentages mean, once.
  await expect(page.getByTestId("try-threshold")).toContainText(/at least \d+% sure/);
  await page.screenshot({ path: info.outputPath("try-it.png"), fullPage: true });

  // A near miss: the two ways to make the bot answer it.
  await page.getByTestId("try-question").fill("can i choose the delivery time slot");
  await page.getByTestId("try-ask").click();
  await expect(page.getByTestId("try-outcome")).toHaveText("Fallback message");
  await expect(page.getByTestId("try-add-wording")).toHaveText(
    "Add as another wording of “Do you deliver?”",
  );
  await expect(page.getByTestId("try-add-faq")).toHaveText("New FAQ entry");
  await expect(page.getByTestId("try-steps")).toContainText(/at \d+% \(needs \d+%\)\./);
  await page.screenshot({ path: info.outputPath("try-it-near-miss.png"), fullPage: true });

  // A greeting is small talk, not a stopped answer.
  await page.getByTestId("try-question").fill("hi");
  await page.getByTestId("try-ask").click();
  await expect(page.getByTestId("try-outcome")).toHaveText("Small talk, no FAQ needed");
  await expect(page.getByTestId("try-rule")).not.toContainText("What stopped the answer");
  await page.screenshot({ path: info.outputPath("try-it-greeting.png"), fullPage: true });

  // Two customers ask the same thing in different words; the bot does not know it.
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  const stamp = String(Date.now()).slice(-7);
  await ask(phone, `35193${stamp}`, "can i choose the delivery time slot");
  await ask(phone, `35194${stamp}`, "delivery time slot choice");

  await page.goto(`/${slug}/analytics`);
  const group = page.getByTestId("unanswered-question");
  await expect(group).toHaveCount(1);
  await expect(group.getByTestId("unanswered-count")).toHaveText("2");
  await expect(group).toContainText("delivery time slot choice");
  await expect(group).toContainText("can i choose the delivery time slot");
  await expect(group.getByTestId("unanswered-near")).toContainText(
    "Nearly matched “Do you deliver?”",
  );
  await expect(group.getByTestId("unanswered-near")).toContainText(/at \d+% \(needs \d+%\)/);
  await group.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath("unanswered-groups.png"), fullPage: true });

  // "Add to" asks once, showing what it adds; then the group is handled and leaves the list.
  await group.getByTestId("gap-add-to-entry").click();
  const confirm = page.getByTestId("gap-confirm");
  await expect(confirm).toContainText("Add these 2 wordings to “Do you deliver?”");
  await page.screenshot({ path: info.outputPath("unanswered-confirm.png"), fullPage: true });
  await page.getByTestId("gap-confirm-add").click();
  await expect(page.getByTestId("unanswered-question")).toHaveCount(0);

  await page.goto(`/${slug}/faqs`);
  const delivery = page.getByTestId("faq-row").filter({ hasText: "Do you deliver?" });
  await expect(delivery.getByTestId("faq-row-examples")).toContainText(
    "can i choose the delivery time slot",
  );

  // The next customer who asks it that way gets the entry's answer.
  await ask(phone, `35195${stamp}`, "Can I choose the delivery time slot?");
  await expect(
    phone.getByTestId("thread").locator('[data-direction="to_customer"]').last(),
  ).toContainText("We deliver in Lisbon for 5 EUR.");
});
