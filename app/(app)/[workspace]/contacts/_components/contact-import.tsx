"use client";

import { ImportPanel } from "@/components/ui/import-panel";
import { MAX_IMPORT_BYTES } from "@/lib/validations/faq-import";
import { importContactsAction, previewContactImportAction } from "../actions";
import { ContactImportPreview } from "./contact-import-preview";

const EXAMPLE = `phone,name,tags,attributes,opt_in,opt_in_source
+254 700 123456,Amina Njeri,vip; guitar,city=Nairobi; tier=gold,yes,shop sign-up form
+44 7911 123456,Tom Baker,piano,,,
`;

type Props = { slug: string; onClose: () => void };

/** The contacts' CSV import: checked row by row, written all or nothing. */
export function ContactImport({ slug, onClose }: Props) {
  return (
    <ImportPanel
      testId="contact-import"
      noun={["contact", "contacts"]}
      example={EXAMPLE}
      placeholder={
        "phone,name,tags,attributes,opt_in,opt_in_source\n+254 700 123456,Amina,vip,city=Nairobi,yes,shop sign-up form"
      }
      accept=".csv,.txt,text/csv,text/plain"
      label="CSV to import"
      help="Problems name their row as a spreadsheet numbers it (the header is row 1). Nothing is written until every row is right."
      maxBytes={MAX_IMPORT_BYTES}
      check={(text) => previewContactImportAction(slug, { text })}
      write={(text) => importContactsAction(slug, { text })}
      showPreview={(preview) => <ContactImportPreview preview={preview} />}
      onClose={onClose}
    />
  );
}
