"use client";

import { useLayoutEffect, useRef, useState } from "react";
import type { ThreadView } from "@/lib/inbox/read-inbox";
import { fetchThread } from "./inbox-client";
import { ThreadMessages } from "./thread-messages";
import { TimelineEvent } from "./timeline-event";
import { useInBrowser } from "./use-in-browser";

type Props = {
  slug: string;
  conversationId: string;
  latest: ThreadView;
  members: { id: string; name: string }[];
};

type Page = Pick<ThreadView, "messages" | "events" | "earlier">;
type Msg = ThreadView["messages"][number];
type Ev = ThreadView["events"][number];

// Days in the agent's time zone once in the browser; in UTC while rendering on the server.
const dayOf = (iso: string, inBrowser: boolean) =>
  inBrowser ? new Date(iso).toDateString() : iso.slice(0, 10);

/**
 * The conversation's messages and the team's notes and actions, in time order, newest at the
 * bottom. The latest page is polled; earlier pages load on demand and stay.
 */
export function ThreadTimeline({ slug, conversationId, latest, members }: Props) {
  const names = new Map(members.map((m) => [m.id, m.name]));
  const inBrowser = useInBrowser();
  const [earlier, setEarlier] = useState<Page[]>([]);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  // Everything seen stays: once earlier pages are loaded, the polled latest page moves on past
  // messages that no page would hold otherwise. Newer copies (statuses) replace older ones.
  const seen = useRef({ messages: new Map<string, Msg>(), events: new Map<string, Ev>() });
  for (const page of [...earlier, latest]) {
    for (const m of page.messages) seen.current.messages.set(m.id, m);
    for (const e of page.events) seen.current.events.set(e.id, e);
  }
  const messages = [...seen.current.messages.values()];
  const events = [...seen.current.events.values()];
  const cursor = earlier[0]?.earlier ?? (earlier.length === 0 ? latest.earlier : null);

  type Item =
    | { kind: "messages"; at: string; rows: typeof messages }
    | { kind: "event"; at: string; event: (typeof events)[number] };
  // Runs of messages stay together so reactions find their message; events split them.
  const items: Item[] = [];
  const ordered = [
    ...messages.sort((a, b) => a.seq - b.seq).map((m) => ({ at: m.createdAt, m })),
    ...events.map((e) => ({ at: e.createdAt, e })),
    // At the same instant the team's action comes first: replying takes over, then sends.
  ].sort((a, b) => a.at.localeCompare(b.at) || Number("m" in a) - Number("m" in b));
  for (const entry of ordered) {
    if ("e" in entry) {
      items.push({ kind: "event", at: entry.at, event: entry.e });
      continue;
    }
    const last = items.at(-1);
    if (last?.kind === "messages" && dayOf(last.at, inBrowser) === dayOf(entry.at, inBrowser))
      last.rows.push(entry.m);
    else items.push({ kind: "messages", at: entry.at, rows: [entry.m] });
  }

  const newest = ordered.at(-1)?.at;
  // Follows new messages while the agent is at the bottom; leaves them reading older ones alone.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls when the newest item changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [newest]);

  async function loadEarlier() {
    if (!cursor) return;
    setLoading(true);
    setLoadError(null);
    const el = scroller.current;
    const fromBottom = el ? el.scrollHeight - el.scrollTop : 0;
    try {
      const page = await fetchThread(slug, conversationId, cursor);
      setEarlier((pages) => [page, ...pages]);
      requestAnimationFrame(() => {
        if (el) el.scrollTop = el.scrollHeight - fromBottom;
      });
    } catch (error) {
      setLoadError(
        error instanceof Error ? error.message : "Earlier messages could not be loaded.",
      );
    } finally {
      setLoading(false);
    }
  }

  let lastDay = "";
  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
      className="min-h-32 flex-1 overflow-y-auto bg-zinc-50 px-3 py-4 md:px-6"
      data-testid="thread"
    >
      {cursor && (
        <div className="mb-3 text-center">
          <button
            type="button"
            onClick={loadEarlier}
            disabled={loading}
            className="rounded-full border border-zinc-300 bg-white px-3 py-1 text-xs text-zinc-700 hover:bg-zinc-100"
          >
            {loading ? "Loading…" : "Load earlier messages"}
          </button>
          {loadError && <p className="mt-1 text-xs text-red-700">{loadError}</p>}
        </div>
      )}
      {items.length === 0 && (
        <p className="py-8 text-center text-sm text-zinc-500">No messages yet.</p>
      )}
      <div className="space-y-2">
        {items.map((item) => {
          const day = dayOf(item.at, inBrowser);
          const separator = day !== lastDay;
          lastDay = day;
          return (
            <div
              key={item.kind === "event" ? item.event.id : item.rows[0]?.id}
              className="space-y-2"
            >
              {separator && (
                <p className="py-1 text-center text-xs font-medium text-zinc-500">
                  {new Date(item.at).toLocaleDateString(inBrowser ? [] : "en-GB", {
                    weekday: "long",
                    day: "numeric",
                    month: "long",
                    ...(!inBrowser && { timeZone: "UTC" }),
                  })}
                </p>
              )}
              {item.kind === "event" ? (
                <TimelineEvent event={item.event} names={names} />
              ) : (
                <ThreadMessages slug={slug} messages={item.rows} thread={messages} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
