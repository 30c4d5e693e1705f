"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import type { NotificationPreferences } from "@/db/queries/notification-preferences";
import type { InboxPage } from "@/lib/inbox/read-inbox";
import { playAlertSound } from "./alert-sound";
import { contactLabel } from "./contact-label";
import { inboxKeys } from "./inbox-client";
import { affected, alertFor, parseStreamEvent, type StreamEvent } from "./live-alerts";

/** "live": the server pushes changes; "polling": the stream is down and the inbox asks itself. */
export type LiveState = "connecting" | "live" | "polling";

const LiveContext = createContext<LiveState>("polling");

/** Whether the inbox's queries need to poll: only while the event stream is not connected. */
export const useLiveState = () => useContext(LiveContext);

// Changes arriving together (a burst of ticks) refresh each query once.
const COALESCE_MS = 50;
// A stream the server refused (signed out, removed) is not retried by the browser itself.
const REOPEN_AFTER_MS = 15_000;

type Props = {
  slug: string;
  userId: string;
  prefs: NotificationPreferences;
  children: ReactNode;
};

/**
 * The inbox's live updates: one event stream per open inbox, each change refreshing the queries it
 * affects, and the person told (notification, sound) of what concerns them.
 */
export function LiveInbox({ slug, userId, prefs, children }: Props) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [state, setState] = useState<LiveState>("connecting");
  const [generation, setGeneration] = useState(0);
  const tell = useRef<(e: StreamEvent) => void>(() => {});

  tell.current = (e) => {
    const title = alertFor(e, userId, prefs);
    const conversationId = e.c;
    if (!title || !conversationId) return;
    if (prefs.sound) playAlertSound();
    if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
    if (document.visibilityState === "visible" && document.hasFocus()) return;
    void queryClient
      .refetchQueries({ queryKey: ["inbox", slug, "list"], type: "active" })
      .then(() => {
        const row = queryClient
          .getQueriesData<{ pages: InboxPage[] }>({ queryKey: ["inbox", slug, "list"] })
          .flatMap(([, data]) => data?.pages.flatMap((p) => p.rows) ?? [])
          .find((r) => r.id === conversationId);
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
    let list = false;
    const threads = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (list) void queryClient.invalidateQueries({ queryKey: ["inbox", slug, "list"] });
      for (const id of threads)
        void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(slug, id) });
      list = false;
      threads.clear();
    };
    source.addEventListener("ready", () => {
      setState("live");
      // Back after a drop: whatever changed meanwhile is read again.
      if (opened) void queryClient.invalidateQueries({ queryKey: ["inbox", slug] });
      opened = true;
    });
    source.onmessage = (message) => {
      const e = parseStreamEvent(String(message.data));
      if (!e) return;
      const change = affected(e);
      list ||= change.list;
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
    };
  }, [slug, queryClient, generation]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}
