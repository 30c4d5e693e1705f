import { cn } from "@/components/ui/cn";
import type { KnowledgeSource } from "@/db/queries/knowledge";
import { documentKind } from "@/lib/documents/extract-text";
import { describeWhen } from "@/lib/format/when";
import { SourceActions } from "./source-actions";

const KIND_LABELS = { pdf: "PDF", docx: "Word document", text: "Text file", markdown: "Markdown" };

function kindLabel(s: KnowledgeSource): string {
  if (s.kind === "website") return "Website";
  if (s.kind === "text") return "Pasted text";
  const kind = documentKind(s);
  return kind ? KIND_LABELS[kind] : "Document";
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function sizeOf(s: KnowledgeSource): string {
  if (s.kind === "website") {
    return s.pagesCrawled === null ? "—" : plural(s.pagesCrawled, "page", "pages");
  }
  return formatBytes(s.sizeBytes);
}

const STATUS = {
  processing: { label: "Reading…", className: "bg-amber-100 text-amber-900" },
  ready: { label: "Ready", className: "bg-brand-100 text-brand-700" },
  failed: { label: "Failed", className: "bg-red-100 text-red-800" },
} as const;

function schedule(s: KnowledgeSource): string | null {
  if (s.kind !== "website") return null;
  if (!s.resyncHours) return "Read again only when you ask";
  return s.resyncHours === 24 ? "Read again every day" : "Read again every week";
}

/** The workspace's sources: what each is, how reading it went, and what to do about it. */
export function SourceList({ slug, sources }: { slug: string; sources: KnowledgeSource[] }) {
  const now = new Date();
  return (
    <ul className="divide-y divide-zinc-100" data-testid="knowledge-sources">
      {sources.map((s) => {
        const status = STATUS[s.status];
        const when = schedule(s);
        return (
          <li
            key={s.id}
            className="flex flex-wrap items-start justify-between gap-4 py-4"
            data-testid="knowledge-source"
            data-status={s.status}
            data-kind={s.kind}
          >
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="font-medium break-words text-zinc-900">{s.title}</h3>
                <span
                  className={cn("rounded px-1.5 py-px text-xs font-medium", status.className)}
                  data-testid="knowledge-status"
                >
                  {status.label}
                </span>
              </div>
              <p className="text-sm text-zinc-600">
                {[
                  kindLabel(s),
                  s.kind === "website" ? s.startUrl : s.fileName,
                  sizeOf(s),
                  s.status === "processing" && s.passageCount === 0
                    ? null
                    : plural(s.passageCount, "passage", "passages"),
                  s.lastSyncedAt
                    ? `${s.status === "failed" ? "tried" : "read"} ${describeWhen(s.lastSyncedAt, now)}`
                    : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {when && <p className="text-xs text-zinc-500">{when}</p>}
              {s.status === "failed" && s.failureReason && (
                <p
                  role="alert"
                  className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
                  data-testid="knowledge-failure"
                >
                  {s.failureReason}
                  {s.passageCount > 0 && " The bot keeps using what it read before."}
                </p>
              )}
              {s.status === "ready" && s.note && (
                <p className="text-xs text-amber-800" data-testid="knowledge-note">
                  {s.note}
                </p>
              )}
            </div>
            <SourceActions
              slug={slug}
              id={s.id}
              title={s.title}
              canResync={s.status !== "processing"}
              resyncLabel={s.kind === "website" ? "Sync now" : "Read again"}
            />
          </li>
        );
      })}
    </ul>
  );
}
