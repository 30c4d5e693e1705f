"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ChangeEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { MAX_PRODUCT_IMPORT_BYTES } from "@/lib/validations/products";
import { importProductsAction, previewProductImportAction } from "../actions";

const EXAMPLE = `retailer_id,name,description,price,currency,availability,image_url,link
MUG-BLUE,Blue coffee mug,"Hand-glazed stoneware, 350 ml.",1250,KES,in stock,https://example.com/mug.jpg,https://example.com/mug
TEE-M,Cotton T-shirt (M),Soft organic cotton.,1800.50,KES,out of stock,https://example.com/tee.jpg,https://example.com/tee
`;

const ACTIONS = {
  create: { label: "New", className: "bg-brand-50 text-brand-700" },
  update: { label: "Update", className: "bg-sky-50 text-sky-800" },
  error: { label: "Error", className: "bg-red-50 text-red-800" },
} as const;

/** Upload or paste a CSV, see each row and every problem, then import it all or nothing. */
export function ProductImport({ slug, onClose }: { slug: string; onClose: () => void }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const preview = useMutation({
    mutationFn: (value: string) => previewProductImportAction(slug, { text: value }),
  });
  const run = useMutation({
    mutationFn: (value: string) => importProductsAction(slug, { text: value }),
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
    const large = new Blob([value]).size > MAX_PRODUCT_IMPORT_BYTES;
    setTooLarge(large);
    if (large || value.trim() === "") preview.reset();
    else preview.mutate(value);
  };
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_PRODUCT_IMPORT_BYTES) {
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
    preview.variables === text && preview.data && !preview.data.ok ? preview.data.message : null;
  const writes = current ? current.counts.create + current.counts.update : 0;
  const canImport =
    current !== null && current.problems.length === 0 && writes > 0 && !run.isPending;

  return (
    <div className="space-y-4" data-testid="product-import">
      <div className="flex flex-wrap items-center gap-3">
        <label className="inline-flex cursor-pointer items-center rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50">
          Choose a CSV file…
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            className="sr-only"
            onChange={onFile}
            data-testid="product-import-file"
          />
        </label>
        <span className="text-sm text-zinc-500">{fileName ?? "or paste below"}</span>
        <Button variant="ghost" size="sm" onClick={() => onType(EXAMPLE)} className="ml-auto">
          Paste an example
        </Button>
      </div>
      <textarea
        aria-label="CSV to import"
        rows={7}
        value={text}
        onChange={(e) => onType(e.target.value)}
        spellCheck={false}
        placeholder={"retailer_id,name,description,price,currency,availability,image_url,link"}
        className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-xs shadow-xs focus:outline-2 focus:outline-brand-600"
        data-testid="product-import-text"
      />
      <p className="text-xs text-zinc-500">
        Columns: retailer_id, name, price and currency are required; description, availability (in
        stock or out of stock), image_url and link are optional. Prices are written as on a price
        tag (1250 or 12.50). Rows with a retailer id you already have update that product. Nothing
        is written until every row is right.
      </p>
      {tooLarge && (
        <Notice tone="error">The file is larger than 1 MB: split it into smaller files.</Notice>
      )}
      {refused && <Notice tone="error">{refused}</Notice>}
      {preview.isError && (
        <Notice tone="error">Could not check the file: Parley did not answer. Try again.</Notice>
      )}
      {current && (
        <div className="space-y-3">
          <p className="text-sm text-zinc-700" data-testid="product-import-summary">
            {current.rows.length} {current.rows.length === 1 ? "row" : "rows"}:{" "}
            {current.counts.create} to add, {current.counts.update} to update
            {current.problems.length > 0 && (
              <strong className="text-red-700">
                , {current.problems.length} {current.problems.length === 1 ? "problem" : "problems"}
              </strong>
            )}
            .
          </p>
          {current.problems.length > 0 && (
            <div
              role="alert"
              className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
            >
              <p className="font-semibold">Nothing will be imported until these are fixed:</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {current.problems.map((p) => (
                  <li key={p} data-testid="product-import-row-error">
                    {p}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {current.rows.length > 0 && (
            <div className="max-h-80 overflow-auto rounded-lg border border-zinc-200">
              <table className="w-full text-left text-sm" data-testid="product-import-preview">
                <thead className="sticky top-0 bg-zinc-50 text-xs text-zinc-500 uppercase">
                  <tr>
                    <th className="px-3 py-2">Row</th>
                    <th className="px-3 py-2">Change</th>
                    <th className="px-3 py-2">Retailer id</th>
                    <th className="px-3 py-2">Name</th>
                    <th className="px-3 py-2">Price</th>
                    <th className="px-3 py-2">Availability</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-100">
                  {current.rows.map((r) => (
                    <tr
                      key={r.row}
                      data-action={r.action}
                      className={r.action === "error" ? "bg-red-50/50" : undefined}
                    >
                      <td className="px-3 py-2 text-zinc-500 tabular-nums">{r.row}</td>
                      <td className="px-3 py-2">
                        <span
                          className={cn(
                            "rounded-full px-2 py-0.5 text-xs font-medium",
                            ACTIONS[r.action].className,
                          )}
                        >
                          {ACTIONS[r.action].label}
                        </span>
                      </td>
                      <td className="px-3 py-2 font-mono text-xs">{r.retailerId || "—"}</td>
                      <td className="px-3 py-2">
                        {r.name || <span className="text-zinc-400">—</span>}
                        {r.errors.map((e) => (
                          <span key={e} className="block text-xs text-red-700">
                            {e}
                          </span>
                        ))}
                      </td>
                      <td className="px-3 py-2 tabular-nums">{r.price}</td>
                      <td className="px-3 py-2">{r.availability}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      {run.data?.ok && (
        <Notice tone="success" testId="product-import-done">
          Imported: {run.data.data.created} added, {run.data.data.updated} updated
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
          data-testid="product-import-submit"
        >
          {run.isPending
            ? "Importing…"
            : writes > 0
              ? `Import ${writes} ${writes === 1 ? "product" : "products"}`
              : "Import"}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
