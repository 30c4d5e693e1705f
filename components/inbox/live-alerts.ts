import type { NotificationPreferences } from "@/db/queries/notification-preferences";

/** An event as the inbox's stream sends it. */
export type StreamEvent = {
  k: string;
  c: string | null;
  a: string | null;
  by: string | null;
};

export function parseStreamEvent(data: string): StreamEvent | null {
  try {
    const v = JSON.parse(data) as Record<string, unknown>;
    if (typeof v.k !== "string") return null;
    const text = (x: unknown) => (typeof x === "string" ? x : null);
    return { k: v.k, c: text(v.c), a: text(v.a), by: text(v.by) };
  } catch {
    return null;
  }
}

/** What an event changes in the inbox: the list (and its counts), and which thread. */
export function affected(e: StreamEvent): { list: boolean; thread: string | null } {
  return { list: e.k !== "status", thread: e.c };
}

/**
 * Whether this person is to be told of an event, and with what title: a conversation that needs a
 * person, one given to them by someone else, a customer writing in one of theirs.
 */
export function alertFor(
  e: StreamEvent,
  userId: string,
  prefs: Pick<NotificationPreferences, "needsHuman" | "assigned" | "mine">,
): string | null {
  if (!e.c) return null;
  if (e.k === "handoff" && prefs.needsHuman) return "A customer needs a person";
  if (e.k === "assigned" && e.a === userId && e.by !== userId && prefs.assigned)
    return "A conversation was assigned to you";
  if (e.k === "inbound" && e.a === userId && prefs.mine) return "New message in your conversation";
  return null;
}

/** The tab's title with the count of conversations waiting in front of it: "(3) Inbox". */
export function titleWithCount(title: string, count: number): string {
  const bare = title.replace(/^\(\d+\+?\) /, "");
  if (count <= 0) return bare;
  return `(${count > 99 ? "99+" : count}) ${bare}`;
}
