"use client";

import { Progress } from "@/components/ui/progress";
import { takesCaption } from "@/lib/media/outbound-media";
import type { useAttachment } from "./use-attachment";

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The attached file above the reply box: what it is, its upload's progress, or why it was refused. */
export function AttachmentBar({
  attachment: a,
  hasText,
}: {
  attachment: ReturnType<typeof useAttachment>;
  hasText: boolean;
}) {
  const { picked, state, error } = a;
  return (
    <>
      {picked && (
        <div
          className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm"
          data-testid="attachment"
        >
          <div className="flex items-center gap-2">
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-zinc-900">{picked.file.name}</span>
              <span className="block text-xs text-zinc-500">
                {picked.label} · {size(picked.file.size)}
                {takesCaption(picked.kind)
                  ? " · the text below goes with it as its caption"
                  : hasText
                    ? " · WhatsApp sends audio without a caption; the text stays here for a separate reply"
                    : ""}
              </span>
            </span>
            {state.phase === "uploading" ? (
              <button
                type="button"
                onClick={a.cancel}
                className="rounded-md px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-200"
              >
                Cancel
              </button>
            ) : (
              state.phase === "idle" && (
                <button
                  type="button"
                  onClick={a.clear}
                  aria-label={`Remove ${picked.file.name}`}
                  className="rounded-md px-2 py-1 text-xs font-medium text-zinc-700 hover:bg-zinc-200"
                >
                  Remove
                </button>
              )
            )}
          </div>
          {state.phase !== "idle" && (
            <div className="mt-2 space-y-1" role="status">
              <Progress
                value={state.phase === "uploading" ? state.percent : 100}
                aria-label="Upload progress"
                className="h-1.5"
              />
              <p className="text-xs text-zinc-600">
                {state.phase === "uploading"
                  ? `Uploading… ${state.percent}%`
                  : "Uploaded; handing it to WhatsApp…"}
              </p>
            </div>
          )}
        </div>
      )}
      {error && (
        <p
          role="alert"
          className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="attachment-error"
        >
          {error}
        </p>
      )}
    </>
  );
}
