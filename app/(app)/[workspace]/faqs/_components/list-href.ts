import type { Route } from "next";
import type { FaqSort } from "@/lib/validations/faq";

export const SORT_LABELS: Record<FaqSort, string> = {
  priority: "Priority",
  hits: "Most matched",
  matched: "Last matched",
  newest: "Newest",
  az: "A–Z",
};

/** The list's address for a search, sort and page; defaults are left out to keep it short. */
export function faqListHref(slug: string, p: { q: string; sort: FaqSort; page?: number }): Route {
  const params = new URLSearchParams();
  if (p.q.trim()) params.set("q", p.q.trim());
  if (p.sort !== "priority") params.set("sort", p.sort);
  if (p.page && p.page > 1) params.set("page", String(p.page));
  const query = params.toString();
  return `/${slug}/faqs${query ? `?${query}` : ""}` as Route;
}
