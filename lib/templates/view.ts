import type { StoredTemplate } from "@/db/queries/templates";
import type { TemplateDraft } from "@/lib/validations/template";
import { EDITABLE_STATUSES } from "./editable";
import { draftFromTemplate } from "./payload";
import { categoryWords, qualityWords, rejectionWords, statusWords } from "./words";

// A stored template as the Templates page shows it: plain data for the browser.

export type TemplateRow = {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  statusLabel: string;
  tone: "ok" | "waiting" | "bad";
  quality: string;
  /** Why Meta rejected, paused or disabled it, in words. */
  reason: string | null;
  categoryNote: string | null;
  preview: { header: string | null; body: string; footer: string | null; buttons: string[] };
  /** The form's starting point for an edit; null when it cannot be edited here. */
  draft: TemplateDraft | null;
  editable: boolean;
};

type Part = {
  type?: string;
  format?: string;
  text?: string;
  buttons?: { text?: string; type?: string }[];
};

export function toTemplateRow(t: StoredTemplate): TemplateRow {
  const parts = (t.components ?? []) as Part[];
  const part = (type: string) => parts.find((c) => c.type?.toUpperCase() === type);
  const header = part("HEADER");
  const words = statusWords(t.status);
  const draft = draftFromTemplate(t);
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    category: categoryWords(t.category),
    status: t.status,
    statusLabel: words.label,
    tone: words.tone,
    quality: qualityWords(t.quality),
    reason: rejectionWords(t.status, t.rejectedReason),
    categoryNote: t.categoryNote,
    preview: {
      header: header ? (header.text ?? `[${(header.format ?? "media").toLowerCase()}]`) : null,
      body: part("BODY")?.text ?? "",
      footer: part("FOOTER")?.text ?? null,
      buttons: (part("BUTTONS")?.buttons ?? []).map((b) =>
        b.type?.toUpperCase() === "COPY_CODE" ? "Copy code" : (b.text ?? ""),
      ),
    },
    draft,
    editable: draft !== null && EDITABLE_STATUSES.has(t.status),
  };
}
