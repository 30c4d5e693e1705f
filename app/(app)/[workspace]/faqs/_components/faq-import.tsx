"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ChangeEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { MAX_IMPORT_BYTES } from "@/lib/validations/faq-import";
import { importFaqsAction, previewFaqImportAction } from "../actions";
import { FaqImportPreview } from "./faq-import-preview";

const EXAMPLE = `question,answer,keywords,priority,active,examples
What are your opening hours?,"Monday to Friday 9:00–18:00, Saturday 10:00–16:00.",hours; open; closing time,10,true,when do you open? | what time do u close
Do you deliver?,"Yes, anywhere in town within *2 days*.
Delivery is free over 50 €.",delivery | shipping,0,true,
`;

const TOO_LARGE = `The file is larger than ${Math.floor(MAX_IMPORT_BYTES / 1000)} KB: split it into smaller files.`;

type Props = { slug: string; onClose: () => void };

/** Upload or paste, see what would change and what is wrong, then import it all or nothing. */
export function FaqImport({ slug, onClose }: Props) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const preview = useMutation({
    mutationFn: (value: string) => previewFaqImportAction(slug, { text: value }),
  });
  const run = useMutation({
    mutationFn: (value: string) => importFaqsAction(slug, { text: value }),
    onSuccess: (result) => {
      if (!result.ok) return;
      router.refresh();
      setText("");
      setFileName(null);
      preview.reset();
    },
  });

  // Every change of the text is checked again by the server, which knows the saved FAQs.
  const check = (value: string) => {
    clearTimeout(timer.current);
    run.reset();
    const large = new Blob([value]).size > MAX_IMPORT_BYTES;
    setTooLarge(large);
    if (large || value.trim() === "") preview.reset();
    else preview.mutate(value);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setTooLarge(true);
      return;
    }
    const content = await file.text();
    input.value = "";
    setText(content);
    setFileName(file.name);
    check(content);
  };

  const onType = (value: string) => {
    setText(value);
    setFileName(null);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => check(value), 400);
  };

  const current = preview.variables === text && preview.data?.ok ? preview.data.data : null;
  const refused =
    preview.variables === text && preview.data && !preview.data.ok
      ? (preview.data.fieldErrors?.text ?? preview.data.message)
      : null;
  const checking = text.trim() !== "" && !tooLarge && !current && !refused && !preview.isError;
  const writes = current ? current.counts.create + current.counts.update : 0;
  const canImport = current !== null && current.problemCount === 0 && writes > 0 && !run.isPending;

  return (
    <div className="space-y-4" data-testid="faq-import">
      <div className="flex flex-wrap items-center gap-3">
        <label className="inline-flex cursor-pointer items-center rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50">
          Choose a file…
          <input
            type="file"
            accept=".csv,.json,.txt,text/csv,application/json,text/plain"
            className="sr-only"
            onChange={onFile}
            data-testid="faq-import-file"
          />
        </label>
        <span className="text-sm text-zinc-500">{fileName ?? "or paste below"}</span>
        <Button variant="ghost" size="sm" onClick={() => onType(EXAMPLE)} className="ml-auto">
          Paste an example
        </Button>
      </div>
      <textarea
        aria-label="CSV or JSON to import"
        rows={8}
        value={text}
        onChange={(e) => onType(e.target.value)}
        spellCheck={false}
        placeholder={
          "question,answer,keywords,priority,active\nWhat are your opening hours?,Mon–Fri 9–18,hours; open,10,true"
        }
        className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-xs shadow-xs focus:outline-2 focus:outline-brand-600"
        data-testid="faq-import-text"
      />
      <p className="text-xs text-zinc-500">
        Problems name their row as a spreadsheet numbers it (the header is row 1), or the FAQ&apos;s
        place in a JSON list. Nothing is written until every row is right.
      </p>
      {tooLarge && <Notice tone="error">{TOO_LARGE}</Notice>}
      {checking && <p className="text-sm text-zinc-500">Checking…</p>}
      {refused && <Notice tone="error">{refused}</Notice>}
      {preview.isError && (
        <Notice tone="error">Could not check the file: Parley did not answer. Try again.</Notice>
      )}
      {current && <FaqImportPreview preview={current} />}
      {run.data?.ok && (
        <Notice tone="success" testId="faq-import-done">
          Imported: {run.data.data.create} added, {run.data.data.update} updated
          {run.data.data.unchanged > 0 && `, ${run.data.data.unchanged} already up to date`}.
        </Notice>
      )}
      {run.data && !run.data.ok && <Notice tone="error">{run.data.message}</Notice>}
      {run.isError && (
        <Notice tone="error">Could not reach Parley; nothing was imported. Try again.</Notice>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          disabled={!canImport}
          onClick={() => run.mutate(text)}
          data-testid="faq-import-submit"
        >
          {run.isPending ? "Importing…" : writes > 0 ? `Import ${writes} FAQs` : "Import"}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
        {current && current.problemCount > 0 && (
          <span className="text-sm text-red-700">
            Fix the rows above to import: nothing is written while any row has an error.
          </span>
        )}
      </div>
    </div>
  );
}
