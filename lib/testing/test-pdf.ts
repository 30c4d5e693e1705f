import { PDFDocument, StandardFonts } from "pdf-lib";

/** A PDF with one page per entry, each page's lines drawn as selectable text. */
export async function makePdf(pages: readonly string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage();
    let y = 780;
    for (const line of lines) {
      if (line) page.drawText(line, { x: 40, y, font, size: 10 });
      y -= 14;
    }
  }
  return doc.save();
}
