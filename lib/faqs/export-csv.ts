import type { FaqFields } from "@/lib/validations/faq";
import { IMPORT_COLUMNS } from "@/lib/validations/faq-import";
import { toCsv } from "./csv";

// Spreadsheets read a file as UTF-8 (accents, emoji) only when it starts with a byte-order mark;
// the importer skips it.
const BOM = "\uFEFF";

/**
 * The FAQs as the importer reads them: the same columns, keywords joined with "; ", so exporting
 * and importing the file changes nothing. Values are written as they are, not escaped against
 * spreadsheet formulas: a leading apostrophe would not survive the round trip.
 */
export function faqsToCsv(faqs: readonly FaqFields[]): string {
  return (
    BOM +
    toCsv([
      [...IMPORT_COLUMNS],
      ...faqs.map((f) => [
        f.question,
        f.answer,
        f.keywords.join("; "),
        String(f.priority),
        f.active ? "true" : "false",
      ]),
    ])
  );
}

export const faqExportFilename = (slug: string) => `${slug}-faqs.csv`;
