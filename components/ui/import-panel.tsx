"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ChangeEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

type Refusal = { ok: false; message: string; fieldErrors?: Record<string, string> };
type Result<T> = { ok: true; data: T } | Refusal;

/** What every import's preview says: how many rows it writes and how many are wrong. */
export type ImportPreviewSummary = {
  counts: { create: number; update: number };
  problemCount: number;
};
export type ImportOutcome = { create: number; update: number; unchanged: number };

type Props<P extends ImportPreviewSummary> = {
  /** Test id of the panel; its parts add `-file`, `-text`, `-submit` and `-done`. */
  testId: string;
  /** What one row is, and many: "contact", "contacts". */
  noun: [one: string, many: string];
  example: string;
  placeholder: string;
  accept: string;
  label: string;
  help: ReactNode;
  maxBytes: number;
  check: (text: string) => Promise<Result<P>>;
  write: (text: string) => Promise<Result<ImportOutcome>>;
  showPreview: (preview: P) => ReactNode;
  onClose: () => void;
};

/**
 * Upload or paste, see what would change and what is wrong, then import it all or nothing. The
 * server checks every change of the text, as it knows what is saved already.
 */
export function ImportPanel<P extends ImportPreviewSummary>(props: Props<P>) {
  const { testId, noun, maxBytes, onClose } = props;
  const router = useRouter();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const preview = useMutation({ mutationFn: props.check });
  const run = useMutation({
    mutationFn: props.write,
    onSuccess: (result) => {
      if (!result.ok) return;
      router.refresh();
      setText("");
      setFileName(null);
      preview.reset();
    },
  });

  const check = (value: string) => {
    clearTimeout(timer.current);
    run.reset();
    const large = new Blob([value]).size > maxBytes;
    setTooLarge(large);
    if (large || value.trim() === "") preview.reset();
    else preview.mutate(value);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > maxBytes) {
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
    <div className="space-y-4" data-testid={testId}>
      <div className="flex flex-wrap items-center gap-3">
        <label className="inline-flex cursor-pointer items-center rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50">
          Choose a file…
          <input
            type="file"
            accept={props.accept}
            className="sr-only"
            onChange={onFile}
            data-testid={`${testId}-file`}
          />
        </label>
        <span className="text-sm text-zinc-500">{fileName ?? "or paste below"}</span>
        <Button variant="ghost" size="sm" onClick={() => onType(props.example)} className="ml-auto">
          Paste an example
        </Button>
      </div>
      <textarea
        aria-label={props.label}
        rows={8}
        value={text}
        onChange={(e) => onType(e.target.value)}
        spellCheck={false}
        placeholder={props.placeholder}
        className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-xs shadow-xs focus:outline-2 focus:outline-brand-600"
        data-testid={`${testId}-text`}
      />
      <p className="text-xs text-zinc-500">{props.help}</p>
      {tooLarge && (
        <Notice tone="error">
          The file is larger than {Math.floor(maxBytes / 1000)} KB: split it into smaller files.
        </Notice>
      )}
      {checking && <p className="text-sm text-zinc-500">Checking…</p>}
      {refused && <Notice tone="error">{refused}</Notice>}
      {preview.isError && (
        <Notice tone="error">Could not check the file: Parley did not answer. Try again.</Notice>
      )}
      {current && props.showPreview(current)}
      {run.data?.ok && (
        <Notice tone="success" testId={`${testId}-done`}>
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
          data-testid={`${testId}-submit`}
        >
          {run.isPending
            ? "Importing…"
            : writes > 0
              ? `Import ${writes} ${writes === 1 ? noun[0] : noun[1]}`
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
