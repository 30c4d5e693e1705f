import Link from "next/link";
import type { FaqSort } from "@/lib/validations/faq";
import { FaqRow, type FaqRowData } from "./faq-row";
import { faqListHref } from "./list-href";

type Props = {
  slug: string;
  faqs: FaqRowData[];
  q: string;
  sort: FaqSort;
  page: number;
  pageSize: number;
  matching: number;
  total: number;
};

export function FaqList({ slug, faqs, q, sort, page, pageSize, matching, total }: Props) {
  if (matching === 0) {
    return (
      <p className="py-6 text-center text-sm text-zinc-500" data-testid="faq-no-results">
        No FAQ matches “{q}”. Try fewer or other words.
      </p>
    );
  }
  if (faqs.length === 0) {
    return (
      <p className="py-6 text-center text-sm text-zinc-500">
        This page is past the end of the list.{" "}
        <Link
          href={faqListHref(slug, { q, sort })}
          className="font-medium text-brand-700 underline"
        >
          Go to the first page
        </Link>
      </p>
    );
  }
  const pages = Math.max(1, Math.ceil(matching / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = first + faqs.length - 1;
  const link = (to: number, label: string, testId: string) => (
    <Link
      href={faqListHref(slug, { q, sort, page: to })}
      className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
      data-testid={testId}
    >
      {label}
    </Link>
  );
  return (
    <div>
      <p className="text-sm text-zinc-500" data-testid="faq-count">
        {q
          ? `${matching} of ${total} FAQs match “${q}”`
          : `${total} ${total === 1 ? "FAQ" : "FAQs"}`}
        {pages > 1 && ` · showing ${first}–${last}`}
      </p>
      <ul className="divide-y divide-zinc-100">
        {faqs.map((f) => (
          <FaqRow key={f.id} slug={slug} faq={f} />
        ))}
      </ul>
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-3">
          {page > 1 ? link(page - 1, "← Previous", "faq-page-previous") : <span />}
          <span className="text-sm text-zinc-500">
            Page {page} of {pages}
          </span>
          {page < pages ? link(page + 1, "Next →", "faq-page-next") : <span />}
        </nav>
      )}
    </div>
  );
}
