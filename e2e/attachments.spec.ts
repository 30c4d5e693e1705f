import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { fromBusiness } from "./phone";
import { connectSandboxNumber, signUpOwner } from "./session";

// A 48×32 PNG, as the photo the agent sends.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAN0lEQVR4nO3OQQ0AMAgEMIShCTnTOxccjyYV0Oo3p1R8ICQkJJQeCAkJCaUHQkJCQumBkJDQsg/hxoBq3OhJ8AAAAABJRU5ErkJggg==",
  "base64",
);
// A PDF of about 1.5 MB (a page and padding), large enough to watch its upload.
const PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"),
  Buffer.alloc(1_500_000, 0x20),
  Buffer.from("\n%%EOF\n"),
]);
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** Drops a file on the composer, as a person dragging it from their desktop does. */
async function dropFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const data = await page.evaluateHandle(
    ({ name, mimeType, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString("base64") },
  );
  const composer = page.getByTestId("composer");
  await composer.dispatchEvent("dragenter", { dataTransfer: data });
  await composer.dispatchEvent("dragover", { dataTransfer: data });
  await expect(page.getByText("Drop the file to attach it")).toBeVisible();
  await composer.dispatchEvent("drop", { dataTransfer: data });
}

/** Picks a file with the Attach button and the browser's file chooser. */
async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach" }).click();
  await (await chooser).setFiles(file);
}

test("an agent sends a photo and a PDF from the inbox, the customer's phone shows both, and a refused file says why", async ({
  page,
  context,
  dbKind,
}, info) => {
  test.setTimeout(180_000);
  const { slug } = await signUpOwner(page, { dbKind, business: "Mama Pendo Furniture" });
  const phoneNumberId = await connectSandboxNumber(page);

  const phone = await context.newPage();
  await phone.goto("/sandbox/phone");
  await phone.getByLabel("Business number").selectOption(phoneNumberId);
  await phone.getByLabel("Your phone number").fill(`2547${String(Date.now()).slice(-8)}`);
  const name = `Wanjiru ${dbKind}`;
  await phone.getByLabel("Your name").fill(name);
  await phone
    .getByLabel("Message")
    .fill("Can you send me a photo of the shelf and the price list?");
  await phone.getByRole("button", { name: "Send", exact: true }).click();

  await page.goto(`/${slug}/inbox`);
  await page.getByTestId("inbox-row").filter({ hasText: name }).click();
  const thread = page.getByTestId("thread");
  await expect(
    thread.getByText("Can you send me a photo of the shelf and the price list?", { exact: true }),
  ).toBeVisible();

  // A photo through the file chooser, with a caption from the reply box.
  await chooseFile(page, { name: "shelf.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("attachment")).toContainText("shelf.png");
  await expect(page.getByTestId("attachment")).toContainText("PNG image");
  await page.getByLabel("Reply to the customer").fill("Here is the oak shelf");
  await page.getByRole("button", { name: "Send file" }).click();
  await expect(page.getByTestId("attachment")).toBeHidden({ timeout: 20_000 });
  await expect(page.getByLabel("Reply to the customer")).toHaveValue("");
  // The thread shows the agent's own photo, loaded back from WhatsApp by its media id.
  const sentPhoto = thread.locator("img").last();
  await expect(sentPhoto).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => sentPhoto.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(48);
  await expect(thread.getByText("Here is the oak shelf")).toBeVisible();

  // The customer's phone receives it as a photo with its caption.
  const photoMessage = fromBusiness(phone).filter({ has: phone.getByTestId("phone-image") });
  await expect(photoMessage).toHaveCount(1, { timeout: 20_000 });
  const photoOnPhone = photoMessage.getByTestId("phone-image");
  await expect
    .poll(() => photoOnPhone.evaluate((i) => (i as HTMLImageElement).naturalWidth))
    .toBe(48);
  await expect(photoMessage).toContainText("Here is the oak shelf");

  // A PDF dropped on the composer, uploaded over a slow line so its progress shows.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: 5_000_000,
    uploadThroughput: 300_000,
  });
  await dropFile(page, { name: "price-list.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByTestId("attachment")).toContainText("price-list.pdf");
  await page.getByRole("button", { name: "Send file" }).click();
  await expect(page.getByText(/Uploading… \d+%/)).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toBeVisible();
  await page.screenshot({ path: info.outputPath("composer-uploading.png") });
  await expect(page.getByTestId("attachment")).toBeHidden({ timeout: 60_000 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await expect(thread.getByTestId("message-document").last()).toContainText("price-list.pdf");
  const docOnPhone = fromBusiness(phone).getByTestId("phone-document");
  await expect(docOnPhone).toHaveCount(1, { timeout: 20_000 });
  await expect(docOnPhone).toContainText("price-list.pdf");
  const download = await phone.request.get((await docOnPhone.getAttribute("href")) ?? "");
  expect(download.status()).toBe(200);
  expect((await download.body()).length).toBe(PDF.length);
  await phone.screenshot({ path: info.outputPath("phone-received-media.png") });

  // Refused before any upload: a GIF named .png is found out by its bytes, and a photo over
  // WhatsApp's 5 MB is too big.
  const uploads: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/attachments")) uploads.push(r.url());
  });
  await chooseFile(page, { name: "sale.png", mimeType: "image/png", buffer: GIF });
  await expect(page.getByTestId("attachment-error")).toContainText(
    "“sale.png” is a GIF image, which WhatsApp does not accept.",
  );
  await expect(page.getByTestId("attachment")).toBeHidden();
  await page.screenshot({ path: info.outputPath("composer-refused-type.png") });
  const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
  await chooseFile(page, { name: "catalogue.png", mimeType: "image/png", buffer: big });
  await expect(page.getByTestId("attachment-error")).toHaveText(
    "“catalogue.png” is 6.0 MB; WhatsApp takes images of at most 5 MB.",
  );
  await page.screenshot({ path: info.outputPath("composer-refused-size.png") });
  expect(uploads).toEqual([]);
  await expect(fromBusiness(phone).getByTestId(/^phone-(image|document)$/)).toHaveCount(2);

  // On a 390-pixel phone screen the attach button and the attached file fit.
  await page.setViewportSize({ width: 390, height: 844 });
  await chooseFile(page, { name: "shelf.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("attachment")).toContainText("shelf.png");
  const attach = await page.getByRole("button", { name: "Attach" }).boundingBox();
  expect((attach?.x ?? 0) + (attach?.width ?? 0)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: info.outputPath("composer-mobile.png") });
  await page.getByRole("button", { name: "Remove shelf.png" }).click();
  await expect(page.getByTestId("attachment")).toBeHidden();

  // The attach shortcut is listed in the shortcut help.
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText(
    "Attach a file to the reply",
  );
});
