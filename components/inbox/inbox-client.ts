import type { InboxFilter, InboxSort } from "@/db/queries/inbox";
import type { TemplateList } from "@/lib/inbox/list-templates";
import type { InboxPage, ThreadView } from "@/lib/inbox/read-inbox";

// The browser side of the inbox's JSON routes, with the react-query keys that live updates,
// polling and the actions' invalidation share.

export const inboxKeys = {
  all: ["inbox"] as const,
  list: (slug: string, filter: InboxFilter, q: string, view: ListView) =>
    ["inbox", slug, "list", filter, q, view] as const,
  thread: (slug: string, id: string) => ["inbox", slug, "thread", id] as const,
  templates: (slug: string, id: string) => ["inbox", slug, "templates", id] as const,
};

/** The list's narrowing and order besides its tab and search: label, priority, sort. */
export type ListView = { label: string; priority: string; sort: InboxSort };

// Polling, only while the inbox's event stream is down: changes still show within seconds.
export const LIST_POLL_MS = 3000;
export const THREAD_POLL_MS = 2000;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as
    | (T & { error?: { message?: string } })
    | null;
  if (!res.ok) {
    throw new Error(body?.error?.message ?? `The inbox could not be loaded (HTTP ${res.status}).`);
  }
  return body as T;
}

export function fetchInboxPage(
  slug: string,
  p: { filter: InboxFilter; q: string; view: ListView; after?: string | null },
): Promise<InboxPage> {
  const params = new URLSearchParams({ filter: p.filter, sort: p.view.sort });
  if (p.view.label) params.set("label", p.view.label);
  if (p.view.priority) params.set("priority", p.view.priority);
  if (p.q.trim()) params.set("q", p.q.trim());
  if (p.after) params.set("after", p.after);
  return getJson(`/${slug}/inbox/feed?${params}`);
}

export function fetchThread(slug: string, id: string, before?: string | null): Promise<ThreadView> {
  const params = before ? `?${new URLSearchParams({ before })}` : "";
  return getJson(`/${slug}/inbox/${id}/thread${params}`);
}

export function fetchTemplates(slug: string, id: string): Promise<TemplateList> {
  return getJson(`/${slug}/inbox/${id}/templates`);
}
