import type { listContactsForExport } from "@/db/queries/contacts";
import { guardCell, toCsv } from "@/lib/faqs/csv";
import { attributesToText } from "@/lib/validations/contact";
import { CONTACT_COLUMNS, EXPORT_ONLY_COLUMNS } from "./parse-import";

type Exported = Awaited<ReturnType<typeof listContactsForExport>>[number];

// Spreadsheets read a file as UTF-8 only when it starts with a byte-order mark; the importer skips it.
const BOM = "\uFEFF";

/**
 * The contacts as the importer reads them (phone, name, tags, attributes, opt-in), followed by
 * what only WhatsApp sets (username, business-scoped user id, when the opt-in was given). A
 * re-import of the file reads the first columns; the last ones are for reading. Contacts known
 * only by user id have an empty phone and cannot be re-imported.
 */
export function contactsToCsv(rows: readonly Exported[]): string {
  return (
    BOM +
    toCsv([
      [...CONTACT_COLUMNS, ...EXPORT_ONLY_COLUMNS],
      ...rows.map((c) => [
        c.waId ? `+${c.waId}` : "",
        guardCell(c.name ?? ""),
        guardCell(c.tags.join("; ")),
        guardCell(attributesToText(c.attributes)),
        c.marketingOptIn === "opted_in" ? "yes" : c.marketingOptIn === "opted_out" ? "no" : "",
        guardCell(c.marketingOptInSource ?? ""),
        guardCell(c.username ?? ""),
        c.businessScopedUserId ?? "",
        c.marketingOptInAt?.toISOString() ?? "",
      ]),
    ])
  );
}

export const contactsExportFilename = (slug: string) => `${slug}-contacts.csv`;
