import type { Route } from "next";
import type { ContactListQuery } from "@/lib/validations/contact";

/** The contacts list's address for these filters; empty ones are left out. */
export function contactListHref(slug: string, q: Partial<ContactListQuery>): Route {
  const params = new URLSearchParams();
  if (q.q) params.set("q", q.q);
  if (q.tag) params.set("tag", q.tag);
  if (q.optIn) params.set("optIn", q.optIn);
  if (q.last) params.set("last", q.last);
  if (q.page && q.page > 1) params.set("page", String(q.page));
  const search = params.toString();
  return `/${slug}/contacts${search ? `?${search}` : ""}` as Route;
}
