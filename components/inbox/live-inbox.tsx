"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import type { NotificationPreferences } from "@/db/queries/notification-preferences";
import type { InboxRow } from "@/lib/inbox/read-inbox";
import { playAlertSound } from "./alert-sound";
import { contactLabel } from "./contact-label";
import { inboxKeys } from "./inbox-client";
import {
  type ListChanges,
  type ListData,
  listShapeOf,
  parseListChanges,
  patchList,
  refetchDelay,
} from "./list-patch";
import { affected, alertFor, parseStreamEvent, type StreamEvent } from "./live-alerts";

/** "live": the server pushes changes; "polling": the stream is down and the inbox asks itself. */
export type LiveState = "connecting" | "live" | "polling";

const LiveContext = createContext<LiveState>("polling");

/** Whether the inbox's queries need to poll: only while the event stream is not connected. */
export const useLiveState = () => useContext(LiveContext);

// Changes arriving together (a burst of ticks) refresh each thread once.
const COALESCE_MS = 50;
// A stream the server refused (signed out, removed) is not retried by the browser itself.
const REOPEN_AFTER_MS = 15_000;
// How long a notification waits for its conversation's row before it is shown without it.
const ROW_WAIT_MS = 3000;

type Props = {
  slug: string;
  userId: string;
  prefs: NotificationPreferences;
  children: ReactNode;
};

/**
 * Applies what the server read after a change to every list the browser holds: patched in place
 * where the browser can tell where the conversation goes, read again (later, at a random moment,
 * so a workspace's agents do not all ask at once) where it cannot.
 */
export function applyListChanges(
  queryClient: QueryClient,
  slug: string,
  userId: string,
  changes: ListChanges | "refetch",
  refetchLater: (key: readonly unknown[]) => void,
): void {
  const key = ["inbox", slug, "list"];
  if (changes === "refetch") {
    refetchLater(key);
    return;
  }
  for (const query of queryClient.getQueryCache().findAll({ queryKey: key })) {
    const data = query.state.data as ListData | undefined;
    const shape = listShapeOf(query.queryKey);
    if (!data || !shape) continue;
    const patched = patchList(data, shape, changes, userId);
    if (patched) {
      queryClient.setQueryData(query.queryKey, patched);
      // A read under way may answer with what it saw before this change.
      if (query.state.fetchStatus === "fetching") refetchLater(query.queryKey);
    } else {
      // The counts are known; which rows the list holds only the server can say.
      queryClient.setQueryData(query.queryKey, {
        ...data,
        pages: data.pages.map((p) => ({ ...p, counts: changes.counts })),
      });
      if (query.getObserversCount() > 0) refetchLater(query.queryKey);
      else void queryClient.invalidateQueries({ queryKey: query.queryKey, refetchType: "none" });
    }
  }
}

/**
 * The inbox's live updates: one event stream per open inbox, each change patched into the lists
 * and refreshing the open thread, and the person told (notification, sound) of what concerns them.
 */
export function LiveInbox({ slug, userId, prefs, children }: Props) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [state, setState] = useState<LiveState>("connecting");
  const [generation, setGeneration] = useState(0);
  const tell = useRef<(e: StreamEvent) => void>(() => {});
  // The rows the server pushed last, for a notification's text.
  const rowWaiters = useRef(new Set<(rows: InboxRow[] | null) => void>());

  const rowOf = (conversationId: string) =>
    new Promise<InboxRow | null>((resolve) => {
      const timer = setTimeout(() => done(null), ROW_WAIT_MS);
      const done = (rows: InboxRow[] | null) => {
        const row = rows?.find((r) => r.id === conversationId);
        if (rows && !row) return;
        clearTimeout(timer);
        rowWaiters.current.delete(done);
        resolve(row ?? null);
      };
      rowWaiters.current.add(done);
    });

  tell.current = (e) => {
    const title = alertFor(e, userId, prefs);
    const conversationId = e.c;
    if (!title || !conversationId) return;
    if (prefs.sound) playAlertSound();
    if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
    if (document.visibilityState === "visible" && document.hasFocus()) return;
    void rowOf(conversationId).then((row) => {
      const note = new Notification(title, {
        body: row ? `${contactLabel(row.contact)}: ${row.lastMessagePreview ?? ""}` : undefined,
        tag: `parley-${conversationId}`,
      });
      note.onclick = () => {
        window.focus();
        router.push(`/${slug}/inbox/${conversationId}` as Route);
        note.close();
      };
    });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` reopens a refused stream
  useEffect(() => {
    if (typeof EventSource === "undefined") {
      setState("polling");
      return;
    }
    const source = new EventSource(`/${slug}/inbox/events`);
    let opened = false;
    const threads = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    // Lists to read again, each once, at a random moment within the next second.
    const later = new Map<string, ReturnType<typeof setTimeout>>();
    const refetchLater = (key: readonly unknown[]) => {
      const id = JSON.stringify(key);
      if (later.has(id)) return;
      later.set(
        id,
        setTimeout(() => {
          later.delete(id);
          void queryClient.invalidateQueries({ queryKey: key });
        }, refetchDelay()),
      );
    };
    const flush = () => {
      timer = null;
      for (const id of threads)
        void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(slug, id) });
      threads.clear();
    };
    source.addEventListener("ready", () => {
      setState("live");
      // Back after a drop: whatever changed meanwhile is read again.
      if (opened) refetchLater(["inbox", slug]);
      opened = true;
    });
    source.addEventListener("rows", (message) => {
      const changes = parseListChanges(String((message as MessageEvent).data));
      if (!changes) return;
      applyListChanges(queryClient, slug, userId, changes, refetchLater);
      const rows = changes === "refetch" ? null : changes.rows.map((r) => r.row);
      for (const waiter of [...rowWaiters.current]) waiter(rows);
    });
    source.onmessage = (message) => {
      const e = parseStreamEvent(String(message.data));
      if (!e) return;
      const change = affected(e);
      // The list's changes come read by the server as a `rows` event; one it cannot name is read.
      if (change.list && !e.c) refetchLater(["inbox", slug, "list"]);
      if (change.thread) threads.add(change.thread);
      timer ??= setTimeout(flush, COALESCE_MS);
      tell.current(e);
    };
    source.onerror = () => {
      setState("polling");
      if (source.readyState === EventSource.CLOSED) {
        reopen = setTimeout(() => setGeneration((g) => g + 1), REOPEN_AFTER_MS);
      }
    };
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
      if (reopen) clearTimeout(reopen);
      for (const t of later.values()) clearTimeout(t);
    };
  }, [slug, userId, queryClient, generation]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}
