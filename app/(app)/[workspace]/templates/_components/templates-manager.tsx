"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TemplateRow } from "@/lib/templates/view";
import { TemplateForm } from "./template-form";
import { TemplatesTable } from "./templates-table";

type Props = { slug: string; wabaId: string; numbers: string[]; initialRows: TemplateRow[] };

// While a review is running the list is read every two seconds, so Meta's decision (delivered by
// webhook) shows without a reload; otherwise every fifteen, for changes made in WhatsApp Manager.
const REVIEW_POLL_MS = 2000;
const IDLE_POLL_MS = 15_000;

async function fetchRows(slug: string, wabaId: string): Promise<TemplateRow[]> {
  const res = await fetch(`/${slug}/templates/list?waba=${wabaId}`, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as {
    rows?: TemplateRow[];
    error?: { message?: string };
  } | null;
  if (!res.ok || !body?.rows) {
    throw new Error(
      body?.error?.message ?? `The templates could not be loaded (HTTP ${res.status}).`,
    );
  }
  return body.rows;
}

export const templateKeys = (slug: string, wabaId: string) => ["templates", slug, wabaId] as const;

export function TemplatesManager({ slug, wabaId, numbers, initialRows }: Props) {
  const list = useQuery({
    queryKey: templateKeys(slug, wabaId),
    queryFn: () => fetchRows(slug, wabaId),
    initialData: initialRows,
    refetchInterval: (query) =>
      (query.state.data ?? []).some((r) => r.tone === "waiting") ? REVIEW_POLL_MS : IDLE_POLL_MS,
  });
  const [editing, setEditing] = useState<TemplateRow | "new" | null>(null);
  const rows = list.data;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600">
          {rows.length} template{rows.length === 1 ? "" : "s"} on the WhatsApp account of{" "}
          {numbers.join(", ")}.
        </p>
        {editing === null && (
          <Button onClick={() => setEditing("new")} data-testid="template-new">
            New template
          </Button>
        )}
      </div>
      {list.isError && (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message} Showing the last list received.
        </p>
      )}
      {editing !== null && (
        <section className="rounded-xl border border-zinc-200 bg-white px-5 py-4 shadow-sm">
          <h2 className="mb-4 text-base font-semibold">
            {editing === "new" ? "New template" : `Edit “${editing.name}” (${editing.language})`}
          </h2>
          <TemplateForm
            key={editing === "new" ? "new" : editing.id}
            slug={slug}
            wabaId={wabaId}
            editing={editing === "new" ? null : editing}
            onDone={async () => {
              setEditing(null);
              await list.refetch();
            }}
          />
        </section>
      )}
      <TemplatesTable
        slug={slug}
        rows={rows}
        onEdit={(row) => setEditing(row)}
        onDeleted={() => list.refetch()}
      />
    </div>
  );
}
