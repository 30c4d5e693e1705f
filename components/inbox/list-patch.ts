import type { InboxCounts, InboxFilter, InboxSort } from "@/db/queries/inbox";
import type { InboxPage, InboxRow } from "@/lib/inbox/read-inbox";
import type { ListView } from "./inbox-client";

/**
 * A conversation as the server pushes it after a change: its list row (the shape the list reads)
 * and the tabs it is in, judged by the server's own filters, "mine" excepted (it depends on who
 * looks; the row's assignee decides it).
 */
export type PushedRow = { row: InboxRow; tabs: Exclude<InboxFilter, "mine">[] };

/** What one read of the server brings: the changed rows, the ones gone, this agent's counts. */
export type ListChanges = { rows: PushedRow[]; gone: string[]; counts: InboxCounts };

export type ListData = { pages: InboxPage[]; pageParams: unknown[] };

/** The list a query shows: its tab, search and view, as in its query key. */
export type ListShape = { filter: InboxFilter; q: string; view: ListView };

const PRIORITY_RANK: Record<InboxRow["priority"], number> = {
  none: 0,
  low: 1,
  medium: 2,
  high: 3,
  urgent: 4,
};

/** Whether a conversation belongs in a list, for this agent; null when the browser cannot tell. */
export function belongs(pushed: PushedRow, shape: ListShape, userId: string): boolean | null {
  // A search matches words of any message: only the server can say.
  if (shape.q.trim()) return null;
  const { row, tabs } = pushed;
  const inTab =
    shape.filter === "mine"
      ? tabs.includes("all") && row.assigneeId === userId
      : tabs.includes(shape.filter);
  if (!inTab) return false;
  if (shape.view.label && !row.labelIds.includes(shape.view.label)) return false;
  if (shape.view.priority && row.priority !== shape.view.priority) return false;
  return true;
}

/** The list's order: newest first, or the most urgent first and newest within (ids break ties). */
export function compareRows(sort: InboxSort, a: InboxRow, b: InboxRow): number {
  if (sort === "priority") {
    const p = PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority];
    if (p !== 0) return p;
  }
  const at = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  if (at !== 0) return at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The list with the changes applied in place, or null when the browser cannot decide and the list
 * must be read again (a search). A row leaves where it was and goes where the order puts it; one
 * that falls past the last row loaded while more pages remain is left for "Load more" to bring.
 */
export function patchList(
  data: ListData,
  shape: ListShape,
  changes: ListChanges,
  userId: string,
): ListData | null {
  let pages = data.pages.map((p) => ({ ...p, rows: p.rows, counts: changes.counts }));
  const removing = new Set([...changes.gone, ...changes.rows.map((r) => r.row.id)]);
  for (const pushed of changes.rows) {
    if (belongs(pushed, shape, userId) === null) return null;
  }
  pages = pages.map((p) =>
    p.rows.some((r) => removing.has(r.id))
      ? { ...p, rows: p.rows.filter((r) => !removing.has(r.id)) }
      : p,
  );
  for (const pushed of changes.rows) {
    if (!belongs(pushed, shape, userId)) continue;
    pages = insertRow(pages, pushed.row, shape.view.sort);
  }
  return { ...data, pages };
}

function insertRow(pages: InboxPage[], row: InboxRow, sort: InboxSort): InboxPage[] {
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i] as InboxPage;
    const at = page.rows.findIndex((r) => compareRows(sort, row, r) < 0);
    const last = i === pages.length - 1;
    if (at !== -1 || (last && page.next === null)) {
      const rows = [...page.rows];
      rows.splice(at === -1 ? rows.length : at, 0, row);
      return pages.map((p, j) => (j === i ? { ...p, rows } : p));
    }
    // Past this page's last row: the next page (if loaded) starts after it, so it goes there.
  }
  // After every row loaded, with more on the server: "Load more" brings it in its place.
  return pages;
}

/** The list a query key names (`inboxKeys.list`), or null for another key. */
export function listShapeOf(key: readonly unknown[]): ListShape | null {
  const [, , kind, filter, q, view] = key;
  if (kind !== "list" || typeof filter !== "string" || typeof q !== "string") return null;
  if (typeof view !== "object" || view === null) return null;
  return { filter: filter as InboxFilter, q, view: view as ListView };
}

/**
 * A `rows` event of the inbox's stream: the changes, or "refetch" when the server could not read
 * them (the lists are read again); null for anything else.
 */
export function parseListChanges(data: string): ListChanges | "refetch" | null {
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o.refetch === true) return "refetch";
  if (!Array.isArray(o.rows) || !Array.isArray(o.gone) || typeof o.counts !== "object" || !o.counts)
    return null;
  return o as ListChanges;
}

/**
 * When a list the browser cannot patch is read again: soon, but at a random moment within the
 * next second, so that the workspace's open inboxes do not all ask the server at once.
 */
export function refetchDelay(random = Math.random): number {
  return 150 + Math.floor(random() * 850);
}
