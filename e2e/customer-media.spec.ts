import { existsSync, readFileSync } from "node:fs";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { expect, test } from "./fixtures";
import { fromBusiness } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

// The phone records voice notes from Chromium's fake microphone (a steady tone), allowed without
// a prompt, as a customer's phone records one.
const chromium =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
test.use({
  permissions: ["microphone"],
  launchOptions: {
    executablePath: chromium,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ],
  },
});

// A 48×32 PNG, as a customer's photo.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAN0lEQVR4nO3OQQ0AMAgEMIShCTnTOxccjyYV0Oo3p1R8ICQkJJQeCAkJCaUHQkJCQumBkJDQsg/hxoBq3OhJ8AAAAABJRU5ErkJggg==",
  "base64",
);
const VOICE = readFileSync(new URL("../lib/testing/fixtures/voice-note.webm", import.meta.url));

const HOURS = "Mon-Fri 9-18, Sat 10-16.";
const DELIVERY = "Yes, we deliver to Kilimani within 2 hours.";
const SORRY = "Sorry, I can only read text messages.";

async function orderPdf() {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText("Order 1043: 2 guitar strings. Do you deliver to Kilimani?", {
    x: 40,
    y: 700,
    size: 12,
    font,
  });
  return Buffer.from(await doc.save());
}

test("a customer sends a photo, a voice note, an audio file and a PDF from the phone, and the bot answers each", async ({
  page,
  context,
  tenants,
  tempFile,
  dbKind,
}, info) => {
  test.setTimeout(120_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Kassangas Music Shop" });
  const phoneNumberId = await connectSandboxNumber(page);
  const imported = tenants([
    "import",
    tempFile({
      workspaces: [
        {
          name: "Kassangas Music Shop",
          whatsapp: { phoneNumberId },
          faqs: [
            { question: "What are your opening hours?", answer: HOURS, keywords: ["hours"] },
            { question: "Do you deliver to Kilimani?", answer: DELIVERY, keywords: ["deliver"] },
          ],
        },
      ],
    }),
  ]);
  expect(imported.status, imported.stderr).toBe(0);

  const phone = await context.newPage();
  const customer = `2547${String(Date.now()).slice(-8)}`;
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await phone.getByLabel("Your phone number").fill(customer);
  await phone.getByLabel("Your name").fill("Achieng");
  const answered = (text: string) =>
    expect(fromBusiness(phone).filter({ hasText: text })).toHaveCount(1, { timeout: 20_000 });

  // A PDF: its text is read like a long message, and the FAQ answers it (no AI needed).
  await phone.getByTestId("document-input").setInputFiles({
    name: "order-1043.pdf",
    mimeType: "application/pdf",
    buffer: await orderPdf(),
  });
  await expect(phone.getByTestId("thread")).toContainText("📄 order-1043.pdf");
  await answered(DELIVERY);

  // A photo with a caption: the PGlite server's model (gpt-4o-mini, a local stub) sees it; the
  // PostgreSQL server has no AI, so the customer gets the polite note and a person is asked.
  await phone.getByLabel("Message").fill("");
  await phone
    .getByTestId("photo-input")
    .setInputFiles({ name: "guitar.png", mimeType: "image/png", buffer: PNG });
  await expect(phone.getByTestId("thread")).toContainText("📷 Photo");
  await answered(dbKind === "pglite" ? "AI saw 1 image: (a photo without a caption)" : SORRY);

  // A recorded voice note: transcribed ("What are your opening hours?" from the stub) and
  // answered from the FAQ where the server has AI.
  await phone.getByRole("button", { name: "Record a voice note" }).click();
  await expect(phone.getByRole("button", { name: "Stop recording and send" })).toContainText(
    "0:01",
    { timeout: 5_000 },
  );
  await phone.getByRole("button", { name: "Stop recording and send" }).click();
  await expect(phone.getByTestId("thread")).toContainText("🎤 Voice message");
  if (dbKind === "pglite") {
    await answered(HOURS);
    // An audio file picked from the computer is transcribed the same way.
    await phone
      .getByTestId("document-input")
      .setInputFiles({ name: "question.webm", mimeType: "audio/webm", buffer: VOICE });
    await expect(phone.getByTestId("thread")).toContainText("🎵 Audio");
    await expect(fromBusiness(phone).filter({ hasText: HOURS })).toHaveCount(2, {
      timeout: 20_000,
    });
  }
  await phone.screenshot({ path: info.outputPath("phone-media.png"), fullPage: true });

  // The inbox shows the voice note's player with its transcript under it.
  await page.goto(`/${slug}/inbox`);
  await page.getByTestId("inbox-row").filter({ hasText: "Achieng" }).click();
  const thread = page.getByTestId("thread");
  await expect(thread.locator("audio").first()).toBeVisible({ timeout: 15_000 });
  if (dbKind === "pglite") {
    const transcript = thread.getByTestId("transcript").first();
    await expect(transcript).toContainText("What are your opening hours?");
    await expect(thread.getByTestId("transcript")).toHaveCount(2);
  } else {
    await expect(thread.getByTestId("transcript")).toHaveCount(0);
    // Without AI the photo and the voice note got the polite note, and a person is asked.
    await expect(
      page.getByRole("status").filter({ hasText: "Waiting for a person." }),
    ).toBeVisible();
  }
  await page.screenshot({ path: info.outputPath("inbox-transcript.png"), fullPage: true });

  // The bot settings say whether photos go to the model, and what "automatic" means for it.
  if (dbKind === "pglite") {
    await page.goto(`/${slug}/bot`);
    await expect(page.getByTestId("ai-images")).toHaveValue("auto");
    await expect(page.getByText("gpt-4o-mini is known to see images")).toBeVisible();
    await page.getByTestId("ai-images").scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath("bot-settings-photos.png") });
  }
});
