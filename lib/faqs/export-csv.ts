import type { FaqFields } from "@/lib/validations/faq";
import { IMPORT_COLUMNS } from "@/lib/validations/faq-import";
import { guardCell, toCsv } from "./csv";

// Spreadsheets read a file as UTF-8 (accents, emoji) only when it starts with a byte-order mark;
// the importer skips it.
const BOM = "\uFEFF";

/**
 * The FAQs as the importer reads them: the same columns, keywords joined with "; " and example
 * questions with " | ", so exporting
 * and importing the file changes nothing. Text that a spreadsheet would run as a formula is
 * written behind an apostrophe, which the importer removes.
 */
export function faqsToCsv(faqs: readonly FaqFields[]): string {
  return (
    BOM +
    toCsv([
      [...IMPORT_COLUMNS],
      ...faqs.map((f) => [
        guardCell(f.question),
        guardCell(f.answer),
        guardCell(f.keywords.join("; ")),
        String(f.priority),
        f.active ? "true" : "false",
        guardCell(f.examples.join(" | ")),
      ]),
    ])
  );
}

export const faqExportFilename = (slug: string) => `${slug}-faqs.csv`;
