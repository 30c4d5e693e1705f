"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ChangeEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { MAX_IMPORT_BYTES } from "@/lib/validations/faq-import";
import { importContactsAction, previewContactImportAction } from "../actions";
import { ContactImportPreview } from "./contact-import-preview";

const EXAMPLE = `phone,name,tags,attributes,opt_in,opt_in_source
+254 700 123456,Amina Njeri,vip; guitar,city=Nairobi; tier=gold,yes,shop sign-up form
+44 7911 123456,Tom Baker,piano,,,
`;

const TOO_LARGE = `The file is larger than ${Math.floor(MAX_IMPORT_BYTES / 1000)} KB: split it into smaller files.`;

type Props = { slug: string; onClose: () => void };

/** Upload or paste, see what would change and what is wrong, then import it all or nothing. */
export function ContactImport({ slug, onClose }: Props) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const preview = useMutation({
    mutationFn: (value: string) => previewContactImportAction(slug, { text: value }),
  });
  const run = useMutation({
    mutationFn: (value: string) => importContactsAction(slug, { text: value }),
    onSuccess: (result) => {
      if (!result.ok) return;
      router.refresh();
      setText("");
      setFileName(null);
      preview.reset();
    },
  });

  // Every change of the text is checked again by the server, which knows the saved contacts.
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
    <div className="space-y-4" data-testid="contact-import">
      <div className="flex flex-wrap items-center gap-3">
        <label className="inline-flex cursor-pointer items-center rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50">
          Choose a file…
          <input
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            className="sr-only"
            onChange={onFile}
            data-testid="contact-import-file"
          />
        </label>
        <span className="text-sm text-zinc-500">{fileName ?? "or paste below"}</span>
        <Button variant="ghost" size="sm" onClick={() => onType(EXAMPLE)} className="ml-auto">
          Paste an example
        </Button>
      </div>
      <textarea
        aria-label="CSV to import"
        rows={8}
        value={text}
        onChange={(e) => onType(e.target.value)}
        spellCheck={false}
        placeholder={
          "phone,name,tags,attributes,opt_in,opt_in_source\n+254 700 123456,Amina,vip,city=Nairobi,yes,shop sign-up form"
        }
        className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-xs shadow-xs focus:outline-2 focus:outline-brand-600"
        data-testid="contact-import-text"
      />
      <p className="text-xs text-zinc-500">
        Problems name their row as a spreadsheet numbers it (the header is row 1). Nothing is
        written until every row is right.
      </p>
      {tooLarge && <Notice tone="error">{TOO_LARGE}</Notice>}
      {checking && <p className="text-sm text-zinc-500">Checking…</p>}
      {refused && <Notice tone="error">{refused}</Notice>}
      {preview.isError && (
        <Notice tone="error">Could not check the file: Parley did not answer. Try again.</Notice>
      )}
      {current && <ContactImportPreview preview={current} />}
      {run.data?.ok && (
        <Notice tone="success" testId="contact-import-done">
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
          data-testid="contact-import-submit"
        >
          {run.isPending
            ? "Importing…"
            : writes > 0
              ? `Import ${writes} ${writes === 1 ? "contact" : "contacts"}`
              : "Import"}
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
