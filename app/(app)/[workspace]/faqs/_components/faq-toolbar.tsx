"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { FaqSort } from "@/lib/validations/faq";
import { FaqEmptyState } from "./faq-empty-state";
import { FaqFilters } from "./faq-filters";
import { type EditableFaq, FaqForm } from "./faq-form";
import { FaqImport } from "./faq-import";
import { faqListHref } from "./list-href";

type Props = {
  slug: string;
  empty: boolean;
  q: string;
  sort: FaqSort;
  /** The FAQ a link asked to edit (`?edit=<id>`), wherever it is in the list. */
  editing: EditableFaq | null;
  /** The question a link asked to add (`?new=<question>`). */
  newQuestion: string | null;
  /** Other wordings the link gave with it (`&example=…`). */
  newExamples: string[];
  /** A draft answer the link gave with it (`&answer=…`). */
  newAnswer?: string | null;
};

type Panel = "new" | "import" | "edit" | null;

/** Search, sort and the buttons above the list, and the panels they open. */
export function FaqToolbar({
  slug,
  empty,
  q,
  sort,
  editing,
  newQuestion,
  newExamples,
  newAnswer = null,
}: Props) {
  const router = useRouter();
  const [panel, setPanel] = useState<Panel>(editing ? "edit" : newQuestion !== null ? "new" : null);
  const close = () => {
    // The link's parameter goes too, so a reload does not open the form again.
    if (editing || newQuestion !== null)
      router.replace(faqListHref(slug, { q, sort }), { scroll: false });
    setPanel(null);
  };
  const open = (next: Panel) => setPanel(next);

  return (
    <div className="space-y-4">
      {empty && panel === null ? (
        <FaqEmptyState onAdd={() => open("new")} onImport={() => open("import")} />
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-3">
          {empty ? <span /> : <FaqFilters slug={slug} q={q} sort={sort} />}
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => open("new")} data-testid="faq-new">
              Add question
            </Button>
            <Button
              variant="secondary"
              onClick={() => open("import")}
              data-testid="faq-import-open"
            >
              Import
            </Button>
            {!empty && (
              // A plain link: the browser downloads the file the route answers with.
              <a
                href={`/${slug}/faqs/export`}
                download
                className="inline-flex items-center rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
                data-testid="faq-export"
              >
                Export CSV
              </a>
            )}
          </div>
        </div>
      )}
      {panel === "new" && (
        <Card title="New question">
          <FaqForm
            slug={slug}
            initialQuestion={newQuestion ?? undefined}
            initialExamples={newQuestion !== null ? newExamples : undefined}
            initialAnswer={newQuestion !== null ? (newAnswer ?? undefined) : undefined}
            onDone={close}
          />
        </Card>
      )}
      {panel === "edit" && editing && (
        <Card title="Edit question">
          <FaqForm slug={slug} faq={editing} onDone={close} />
        </Card>
      )}
      {panel === "import" && (
        <Card
          title="Import FAQs"
          description="From a CSV file with the columns question, answer, keywords (separated by ; or |), priority and active, or a JSON list of objects with the same fields. FAQs whose question you already have are updated; the others are added; none are deleted."
        >
          <FaqImport slug={slug} onClose={close} />
        </Card>
      )}
    </div>
  );
}
