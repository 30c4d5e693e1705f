import { Document, Packer, Paragraph } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { documentKind, extractDocumentText, isUnreadableDocument } from "./extract-text";

async function pdf(pages: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage();
    if (text) page.drawText(text, { x: 50, y: 700, font, size: 12 });
  }
  return doc.save();
}

async function reason(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isUnreadableDocument(error)) return error.reason;
    throw error;
  }
  return null;
}

describe("extractDocumentText", () => {
  it("reads a PDF page by page", async () => {
    const bytes = await pdf(["Haircut 25 EUR", "Colour from 60 EUR"]);
    const out = await extractDocumentText(bytes, { mimeType: "application/pdf" });
    expect(out).toEqual({
      kind: "pdf",
      pages: ["Haircut 25 EUR", "Colour from 60 EUR"],
      truncated: false,
    });
  });

  it("says a PDF without text is a scan, and a broken one is damaged", async () => {
    expect(await reason(extractDocumentText(await pdf(["", ""]), { fileName: "scan.pdf" }))).toBe(
      "no_text",
    );
    const broken = new TextEncoder().encode("%PDF-1.7 this is not really a pdf");
    expect(await reason(extractDocumentText(broken, { fileName: "x.pdf" }))).toBe("damaged");
  });

  it("reads a Word document", async () => {
    const doc = new Document({
      sections: [
        {
          children: [new Paragraph("Returns within 30 days."), new Paragraph("Bring the receipt.")],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const out = await extractDocumentText(bytes, { fileName: "policy.docx" });
    expect(out.kind).toBe("docx");
    expect(out.pages[0]).toContain("Returns within 30 days.");
    expect(out.pages[0]).toContain("Bring the receipt.");
  });

  it("reads text and Markdown, drops a byte-order mark, and cuts at the limit", async () => {
    const bytes = new TextEncoder().encode("\ufeff# Menu\n\nPizza margherita 9 EUR");
    const out = await extractDocumentText(bytes, { mimeType: "text/markdown" }, { maxChars: 10 });
    expect(out).toEqual({ kind: "markdown", pages: ["# Menu\n\nPi"], truncated: true });
  });

  it("refuses files it cannot read, with the reason", async () => {
    expect(documentKind({ fileName: "photo.jpg", mimeType: "image/jpeg" })).toBeNull();
    expect(await reason(extractDocumentText(new Uint8Array([1, 2]), { fileName: "a.xlsx" }))).toBe(
      "unsupported",
    );
    expect(await reason(extractDocumentText(new Uint8Array([1, 2]), { fileName: "a.docx" }))).toBe(
      "damaged",
    );
  });
});
