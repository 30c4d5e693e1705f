"use client";

import { ImportPanel } from "@/components/ui/import-panel";
import { MAX_IMPORT_BYTES } from "@/lib/validations/faq-import";
import { importFaqsAction, previewFaqImportAction } from "../actions";
import { FaqImportPreview } from "./faq-import-preview";

const EXAMPLE = `question,answer,keywords,priority,active,examples
What are your opening hours?,"Monday to Friday 9:00–18:00, Saturday 10:00–16:00.",hours; open; closing time,10,true,when do you open? | what time do u close
Do you deliver?,"Yes, anywhere in town within *2 days*.
Delivery is free over 50 €.",delivery | shipping,0,true,
`;

type Props = { slug: string; onClose: () => void };

/** The FAQ's CSV or JSON import: checked row by row, written all or nothing. */
export function FaqImport({ slug, onClose }: Props) {
  return (
    <ImportPanel
      testId="faq-import"
      noun={["FAQ", "FAQs"]}
      example={EXAMPLE}
      placeholder={
        "question,answer,keywords,priority,active\nWhat are your opening hours?,Mon–Fri 9–18,hours; open,10,true"
      }
      accept=".csv,.json,.txt,text/csv,application/json,text/plain"
      label="CSV or JSON to import"
      help="Problems name their row as a spreadsheet numbers it (the header is row 1), or the FAQ's place in a JSON list. Nothing is written until every row is right."
      maxBytes={MAX_IMPORT_BYTES}
      check={(text) => previewFaqImportAction(slug, { text })}
      write={(text) => importFaqsAction(slug, { text })}
      showPreview={(preview) => <FaqImportPreview preview={preview} />}
      onClose={onClose}
    />
  );
}
