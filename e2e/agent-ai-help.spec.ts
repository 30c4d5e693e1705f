import { expect, test } from "./fixtures";
import { ask, fromBusiness } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

// The AI is the OpenAI-compatible stub (e2e/openai-stub-server.ts), whose answers follow what it
// is asked: a suggestion quoting the customer, a summary quoting the conversation, a translation
// marked with its language, and a provider error for a draft holding "[stub: fail]".
test("agents get a hand-off summary, a suggested reply, and their draft translated or made friendlier", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(240_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Casa Bici" });
  const phoneNumberId = await connectSandboxNumber(page);

  // The customer writes in Spanish from the simulated phone, then asks for a person.
  const customer = `3460${String(Date.now()).slice(-7)}`;
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await phone.getByLabel("Your name").fill(`Lucía ${dbKind}`);
  await ask(phone, customer, "¿Hacen envíos a domicilio los sábados?");
  await ask(phone, customer, "human");
  // A person has it now: the bot stays silent on what follows.
  const later = "Gracias, espero su respuesta sobre el envío.";
  await phone.getByLabel("Message").fill(later);
  await phone.getByRole("button", { name: "Send", exact: true }).click();
  await expect(phone.getByTestId("thread").getByText(later, { exact: true })).toBeVisible();

  await page.goto(`/${slug}/inbox`);
  const row = page.getByTestId("inbox-row").filter({ hasText: `Lucía ${dbKind}` });
  await expect(row.getByText("Needs a person")).toBeVisible({ timeout: 20_000 });
  await row.click();
  const box = page.getByLabel("Reply to the customer");
  await expect(box).toBeVisible();

  if (dbKind === "postgres") {
    // That server has no AI provider: no AI help is offered, and no summary is made.
    await expect(page.getByTestId("ai-draft-tools")).toHaveCount(0);
    await expect(page.getByTestId("conversation-summary")).toHaveCount(0);
    return;
  }

  // The summary made in the background on hand-off sits at the top of the thread.
  const summary = page.getByTestId("conversation-summary");
  await expect(summary).toContainText(/The customer wrote: "(human|Gracias, espero)/, {
    timeout: 20_000,
  });
  await expect(summary).toContainText(
    'Whether "¿Hacen envíos a domicilio los sábados?" is answered.',
  );
  await expect(summary).toContainText("Bot already said");
  await page.screenshot({ path: info.outputPath("summary.png") });

  // A suggested reply goes into the reply box and nowhere else.
  const sentBefore = await fromBusiness(phone).count();
  await page.getByRole("button", { name: "Suggest reply" }).click();
  await expect(box).toHaveValue(`Hi! About "${later}": let me check that for you.`);
  await expect(page.getByText("AI suggested this reply. Check it before sending.")).toBeVisible();

  // The agent writes their own draft and has it translated into the customer's language.
  const draft = "Yes, we deliver on Saturdays until 13:00.";
  await box.fill(draft);
  await page.getByRole("button", { name: "Rewrite" }).click();
  await page.getByRole("menuitem", { name: /Translate to the customer's language/ }).click();
  await expect(box).toHaveValue(`[Spanish] ${draft}`);
  await expect(page.getByText("Translated to Spanish.")).toBeVisible();
  await page.screenshot({ path: info.outputPath("translated.png") });
  // Undo puts the agent's words back.
  await page.getByRole("button", { name: "Undo AI change" }).click();
  await expect(box).toHaveValue(draft);

  // From the keyboard, while writing: Alt+W makes it friendlier, Alt+Z undoes.
  await box.focus();
  await page.keyboard.press("Alt+KeyW");
  await expect(box).toHaveValue(`Hi there! ${draft} Thanks so much for your patience!`);
  await page.keyboard.press("Alt+KeyZ");
  await expect(box).toHaveValue(draft);
  await page.keyboard.press("Alt+KeyT");
  await expect(box).toHaveValue(`[Spanish] ${draft}`);

  // The provider failing: the reason in words, and the draft untouched.
  const failing = "[stub: fail] Our shop opens at 9:00.";
  await box.fill(failing);
  await page.keyboard.press("Alt+KeyW");
  await expect(page.getByTestId("ai-draft-tools").getByRole("alert")).toContainText(
    "The AI provider did not answer. Your draft is unchanged",
  );
  await expect(box).toHaveValue(failing);
  await page.screenshot({ path: info.outputPath("ai-error.png") });

  // Nothing was sent by any of it.
  expect(await fromBusiness(phone).count()).toBe(sentBefore);

  // The shortcuts are listed in the inbox's help.
  await box.press("Escape");
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Suggest a reply with AI");
  await expect(help).toContainText("Alt + T");
  await page.keyboard.press("Escape");

  // Refreshing the summary makes it again from the conversation as it is now.
  await page.getByRole("button", { name: "Refresh summary" }).click();
  await expect(summary).toContainText(`The customer wrote: "${later}"`, { timeout: 20_000 });
  await expect(summary.getByRole("button", { name: "Refresh summary" })).toBeEnabled();

  // On a phone-sized screen the help fits and works.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(box).toBeVisible();
  await page.getByRole("button", { name: "Suggest reply" }).click();
  await expect(box).toHaveValue(`Hi! About "${later}": let me check that for you.`);
  for (const name of ["Suggest reply", "Rewrite"]) {
    const b = await page.getByRole("button", { name }).boundingBox();
    expect(b && b.x + b.width).toBeLessThanOrEqual(390);
  }
  await page.screenshot({ path: info.outputPath("ai-help-390.png") });
});

test("a conversation the bot still has can be summarized on request", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.skip(dbKind === "postgres", "that server has no AI provider");
  test.setTimeout(180_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Casa Resumen" });
  const phoneNumberId = await connectSandboxNumber(page);
  const customer = `3461${String(Date.now()).slice(-7)}`;
  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await phone.getByLabel("Your name").fill("Marta");
  await ask(phone, customer, "hola");

  await page.goto(`/${slug}/inbox`);
  const row = page.getByTestId("inbox-row").filter({ hasText: "Marta" });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  const summary = page.getByTestId("conversation-summary");
  await expect(summary).toContainText("AI summary");
  await expect(summary.getByRole("button", { name: "Refresh summary" })).toHaveCount(0);
  await summary.getByRole("button", { name: "Summarize conversation" }).click();
  await expect(summary).toContainText('The customer wrote: "hola"', { timeout: 20_000 });
  await expect(summary.getByRole("button", { name: "Refresh summary" })).toBeEnabled();
  await page.screenshot({ path: info.outputPath("summary-on-request.png") });
});
