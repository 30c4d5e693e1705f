"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { MAX_KNOWLEDGE_FILE_BYTES } from "@/lib/knowledge/limits";

const LIMIT_MB = Math.round(MAX_KNOWLEDGE_FILE_BYTES / (1024 * 1024));

/** Uploads a PDF, Word, text or Markdown file; it is read in the background. */
export function AddDocument({ slug }: { slug: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setError(null);
    if (!file) {
      setError("Choose a file first.");
      return;
    }
    if (file.size > MAX_KNOWLEDGE_FILE_BYTES) {
      setError(
        `The file is larger than ${LIMIT_MB} MB. Split it into smaller files, or remove images from it.`,
      );
      return;
    }
    startTransition(async () => {
      const form = new FormData();
      form.set("file", file);
      try {
        const res = await fetch(`/${encodeURIComponent(slug)}/knowledge/upload`, {
          method: "POST",
          body: form,
        });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as {
            error?: { message?: string };
          } | null;
          setError(body?.error?.message ?? "The file could not be uploaded. Try again.");
          return;
        }
      } catch {
        setError("Could not reach Parley. Try again.");
        return;
      }
      if (input.current) input.current.value = "";
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="space-y-3" data-testid="add-document">
      <div className="space-y-1.5">
        <label htmlFor="knowledge-file" className="block text-sm font-medium text-zinc-800">
          Document
        </label>
        <input
          ref={input}
          id="knowledge-file"
          name="file"
          type="file"
          accept=".pdf,.docx,.txt,.md,.markdown,application/pdf,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-describedby="knowledge-file-hint"
          className="block w-full text-sm text-zinc-700 file:mr-3 file:rounded-lg file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
        />
        <p id="knowledge-file-hint" className="text-xs text-zinc-500">
          PDF, Word (.docx), text or Markdown, up to {LIMIT_MB} MB. Scanned pages without selectable
          text can&apos;t be read.
        </p>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" disabled={pending} data-testid="add-document-submit">
        {pending ? "Uploading…" : "Upload document"}
      </Button>
    </form>
  );
}
