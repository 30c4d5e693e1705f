"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ProductForm } from "./product-form";
import { ProductImport } from "./product-import";

/** The buttons above the list, and the panels they open. */
export function ProductToolbar({ slug, empty }: { slug: string; empty: boolean }) {
  const [panel, setPanel] = useState<"new" | "import" | null>(null);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => setPanel("new")} data-testid="product-new">
          Add product
        </Button>
        <Button
          variant="secondary"
          onClick={() => setPanel("import")}
          data-testid="product-import-open"
        >
          Import CSV
        </Button>
        {!empty && (
          <a
            href={`/${slug}/products/export`}
            download
            className="inline-flex items-center rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
            data-testid="product-export"
          >
            Export CSV
          </a>
        )}
      </div>
      {empty && panel === null && (
        <p className="rounded-xl border border-dashed border-zinc-300 bg-white px-5 py-8 text-center text-sm text-zinc-600">
          No products yet. Add them one by one, or import a CSV from your spreadsheet or shop.
        </p>
      )}
      {panel === "new" && (
        <Card title="New product">
          <ProductForm slug={slug} onDone={() => setPanel(null)} />
        </Card>
      )}
      {panel === "import" && (
        <Card title="Import products from CSV">
          <ProductImport slug={slug} onClose={() => setPanel(null)} />
        </Card>
      )}
    </div>
  );
}
