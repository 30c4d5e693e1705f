"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { FAQ_SORTS, type FaqSort } from "@/lib/validations/faq";
import { faqListHref, SORT_LABELS } from "./list-href";

type Props = { slug: string; q: string; sort: FaqSort };

/** Search and sort live in the address, so a result can be shared and survives a reload. */
export function FaqFilters({ slug, q, sort }: Props) {
  const router = useRouter();
  const [text, setText] = useState(q);
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const go = (next: { q: string; sort: FaqSort }) =>
    startTransition(() => router.replace(faqListHref(slug, next), { scroll: false }));

  return (
    <div className="flex flex-wrap items-center gap-2" aria-busy={pending || undefined}>
      <input
        type="search"
        aria-label="Search questions, answers and keywords"
        placeholder="Search questions, answers, keywords…"
        value={text}
        onChange={(e) => {
          const value = e.target.value;
          setText(value);
          // Waits for a pause in typing rather than loading a page per key.
          clearTimeout(timer.current);
          timer.current = setTimeout(() => go({ q: value, sort }), 300);
        }}
        className="w-72 max-w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-brand-600"
        data-testid="faq-search"
      />
      <div className="flex items-center gap-2 text-sm text-zinc-600">
        <span id="faq-sort-label">Sort by</span>
        <Select value={sort} onValueChange={(v) => go({ q: text, sort: v as FaqSort })}>
          <SelectTrigger
            aria-labelledby="faq-sort-label"
            className="bg-white"
            data-testid="faq-sort"
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {FAQ_SORTS.map((s) => (
              <SelectItem key={s} value={s}>
                {SORT_LABELS[s]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {pending && <span className="text-xs text-zinc-500">Searching…</span>}
    </div>
  );
}
