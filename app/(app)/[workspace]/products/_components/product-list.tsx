"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { deleteProductAction } from "../actions";
import { type EditableProduct, ProductForm } from "./product-form";

export type ListedProduct = EditableProduct & {
  priceLabel: string;
  syncStatus: "not_synced" | "pending" | "synced" | "failed";
  syncError: string | null;
  synced: string | null;
};

const SYNC = {
  not_synced: { label: "Not synced", className: "bg-zinc-100 text-zinc-700" },
  pending: { label: "Syncing…", className: "bg-amber-50 text-amber-800" },
  synced: { label: "In catalog", className: "bg-brand-50 text-brand-700" },
  failed: { label: "Meta refused it", className: "bg-red-50 text-red-800" },
} as const;

type Props = { slug: string; products: ListedProduct[]; catalogConnected: boolean };

/** The products, each with its price, availability and where it stands with the Meta catalog. */
export function ProductList({ slug, products, catalogConnected }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="rounded-xl border border-zinc-200 bg-white shadow-sm">
      <ul className="divide-y divide-zinc-100" data-testid="product-list">
        {products.map((p) => (
          <li
            key={p.id}
            className="px-5 py-4"
            data-testid="product-row"
            data-retailer-id={p.retailerId}
          >
            {editing === p.id ? (
              <ProductForm slug={slug} product={p} onDone={() => setEditing(null)} />
            ) : (
              <div className="flex flex-wrap items-start justify-between gap-4">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-zinc-900">
                    {p.name}{" "}
                    <span className="ml-1 font-mono text-xs font-normal text-zinc-500">
                      {p.retailerId}
                    </span>
                  </p>
                  <p className="mt-0.5 text-sm text-zinc-700">
                    <span className="tabular-nums">{p.priceLabel}</span>
                    <span className="mx-2 text-zinc-300">·</span>
                    <span
                      className={p.availability === "in_stock" ? "text-brand-700" : "text-zinc-500"}
                    >
                      {p.availability === "in_stock" ? "In stock" : "Out of stock"}
                    </span>
                  </p>
                  {p.description && (
                    <p className="mt-1 line-clamp-2 text-sm text-zinc-600">{p.description}</p>
                  )}
                  {catalogConnected && (
                    <p className="mt-2 text-xs text-zinc-600" data-testid="product-sync">
                      <span
                        className={cn(
                          "rounded-full px-2 py-0.5 font-medium",
                          SYNC[p.syncStatus].className,
                        )}
                        data-status={p.syncStatus}
                      >
                        {SYNC[p.syncStatus].label}
                      </span>
                      {p.syncStatus === "synced" && p.synced && (
                        <span className="ml-2">synced {p.synced}</span>
                      )}
                      {p.syncStatus === "not_synced" && (
                        <span className="ml-2">changes not yet sent to Meta</span>
                      )}
                      {p.syncError && (
                        <span className="mt-1 block text-red-800" data-testid="product-sync-error">
                          {p.syncError}
                        </span>
                      )}
                    </p>
                  )}
                </div>
                <div className="flex items-start gap-2">
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => setEditing(p.id)}
                    data-testid="product-edit"
                  >
                    Edit
                  </Button>
                  <ConfirmButton
                    label="Delete"
                    question={`Delete ${p.name}?`}
                    confirmLabel="Delete"
                    testId="product-delete"
                    onConfirm={() => deleteProductAction(slug, { id: p.id })}
                  />
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
