"use client";

import { cn } from "@/components/ui/cn";
import { ImportPanel } from "@/components/ui/import-panel";
import type { ProductImportPreview } from "@/lib/products/manage-products";
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

/** The products' CSV import: each row and every problem shown, written all or nothing. */
export function ProductImport({ slug, onClose }: { slug: string; onClose: () => void }) {
  return (
    <ImportPanel
      testId="product-import"
      noun={["product", "products"]}
      example={EXAMPLE}
      placeholder="retailer_id,name,description,price,currency,availability,image_url,link"
      accept=".csv,text/csv,text/plain"
      label="CSV to import"
      help="Columns: retailer_id, name, price and currency are required; description, availability (in stock or out of stock), image_url and link are optional. Prices are written as on a price tag (1250 or 12.50). Rows with a retailer id you already have update that product. Nothing is written until every row is right."
      maxBytes={MAX_PRODUCT_IMPORT_BYTES}
      check={async (text) => {
        const result = await previewProductImportAction(slug, { text });
        return result.ok
          ? { ok: true, data: { ...result.data, problemCount: result.data.problems.length } }
          : result;
      }}
      write={async (text) => {
        const result = await importProductsAction(slug, { text });
        if (!result.ok) return result;
        const { created, updated, unchanged } = result.data;
        return { ok: true, data: { create: created, update: updated, unchanged } };
      }}
      showPreview={(current) => <ImportRows current={current} />}
      onClose={onClose}
    />
  );
}

function ImportRows({ current }: { current: ProductImportPreview }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700" data-testid="product-import-summary">
        {current.rows.length} {current.rows.length === 1 ? "row" : "rows"}: {current.counts.create}{" "}
        to add, {current.counts.update} to update
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
  );
}
