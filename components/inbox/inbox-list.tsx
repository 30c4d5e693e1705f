"use client";

import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { Route } from "next";
import Link from "next/link";
import { useRouter, useSelectedLayoutSegment } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { InboxFilter } from "@/db/queries/inbox";
import type { InboxPage, InboxRow } from "@/lib/inbox/read-inbox";
import { BulkBar } from "./bulk-bar";
import { contactLabel, HANDOFF_REASONS } from "./contact-label";
import { fetchInboxPage, inboxKeys, LIST_POLL_MS, type ListView } from "./inbox-client";
import { LabelChip, type LabelView } from "./label-chip";
import { useLiveState } from "./live-inbox";
import { NotificationsControl } from "./notifications-control";
import { PRIORITY_NAMES, PriorityChip } from "./priority-chip";
import { useInBrowser } from "./use-in-browser";
import { useShortcut } from "./use-shortcuts";
import { useTitleCount } from "./use-title-count";

const TABS: { filter: InboxFilter; label: string }[] = [
  { filter: "all", label: "Open" },
  { filter: "needs_human", label: "Needs a person" },
  { filter: "mine", label: "Mine" },
  { filter: "unread", label: "Unread" },
  { filter: "bot", label: "Bot" },
  { filter: "snoozed", label: "Snoozed" },
  { filter: "closed", label: "Closed" },
];

const EMPTY: Record<InboxFilter, string> = {
  all: "No open conversations. New messages from customers appear here.",
  needs_human: "Nobody is waiting for a person right now.",
  mine: "No open conversations are assigned to you.",
  unread: "Everything is read.",
  bot: "The bot is not handling any conversation right now.",
  closed: "No closed conversations.",
  snoozed: "No snoozed conversations. Snooze one from its header to set it aside until later.",
};

type Props = {
  slug: string;
  initial: InboxPage;
  members: { id: string; name: string }[];
  labels: LabelView[];
  userId: string;
};

/** Radix's Select has no empty value: this one stands for "no filter". */
const ANY = "any";

const DEFAULT_VIEW: ListView = { label: "", priority: "", sort: "recent" };

export function InboxList({ slug, initial, members, labels, userId }: Props) {
  const router = useRouter();
  const selected = useSelectedLayoutSegment();
  const [filter, setFilter] = useState<InboxFilter>("all");
  const [search, setSearch] = useState("");
  const q = useDebounced(search, 250);
  const searchRef = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<ListView>(DEFAULT_VIEW);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [bulkResult, setBulkResult] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const queryClient = useQueryClient();
  const isInitial =
    filter === "all" && q.trim() === "" && JSON.stringify(view) === JSON.stringify(DEFAULT_VIEW);
  const live = useLiveState();

  const list = useInfiniteQuery({
    queryKey: inboxKeys.list(slug, filter, q.trim(), view),
    queryFn: ({ pageParam }) => fetchInboxPage(slug, { filter, q, view, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    initialData: isInitial ? { pages: [initial], pageParams: [null] } : undefined,
    // The server pushes changes; the list polls only while its event stream is down.
    refetchInterval: live === "live" ? false : LIST_POLL_MS,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  const counts = list.data?.pages[0]?.counts ?? initial.counts;
  const names = new Map(members.map((m) => [m.id, m.name]));
  useTitleCount(counts.waiting);
  const labelsById = new Map(labels.map((l) => [l.id, l]));
  // Only rows still shown count as selected: a tab or filter change leaves the others out.
  const selected_ = rows.filter((r) => picked.has(r.id)).map((r) => r.id);
  const allPicked = rows.length > 0 && selected_.length === rows.length;
  const toggle = (id: string) =>
    setPicked((now) => {
      const next = new Set(now);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const go = (step: 1 | -1) => {
    if (rows.length === 0) return;
    const at = rows.findIndex((r) => r.id === selected);
    const next = rows[at === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, at + step))];
    if (next) router.push(`/${slug}/inbox/${next.id}` as Route);
  };
  useShortcut("j", () => go(1));
  useShortcut("k", () => go(-1));
  useShortcut("/", () => searchRef.current?.focus());
  const openRow = rows.find((r) => r.id === selected);
  useShortcut("x", () => openRow && toggle(openRow.id), Boolean(openRow));

  return (
    <Tabs
      value={filter}
      onValueChange={(next) => setFilter(next as InboxFilter)}
      className="flex h-full min-h-0 flex-col gap-0"
    >
      <div className="space-y-2 border-b border-zinc-200 p-3">
        <div className="flex gap-2">
          <label className="sr-only" htmlFor="inbox-search">
            Search conversations
          </label>
          <input
            id="inbox-search"
            ref={searchRef}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search name, number or text"
            className="min-w-0 flex-1 rounded-lg border border-zinc-300 px-3 py-2 text-sm"
          />
          <Link
            href={`/${slug}/inbox/new` as Route}
            title="Start a conversation with an approved template"
            className="shrink-0 rounded-lg bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            New
          </Link>
        </div>
        <TabsList variant="pill" aria-label="Conversation filters">
          {TABS.map((t) => (
            <TabsTrigger
              key={t.filter}
              variant="pill"
              value={t.filter}
              className="rounded-full bg-zinc-100 text-xs text-zinc-700 hover:bg-zinc-200"
            >
              {t.label}
              <span
                className={cn(
                  "tabular-nums",
                  filter === t.filter ? "text-zinc-300" : "text-zinc-500",
                  t.filter === "needs_human" && counts.needs_human > 0 && filter !== t.filter
                    ? "font-semibold text-amber-700"
                    : undefined,
                )}
              >
                {counts[t.filter]}
              </span>
            </TabsTrigger>
          ))}
        </TabsList>
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <Select
            value={view.label || ANY}
            onValueChange={(v) => setView({ ...view, label: v === ANY ? "" : v })}
          >
            <SelectTrigger
              id="inbox-label-filter"
              size="sm"
              aria-label="Filter by label"
              className="min-w-0 flex-1 bg-white text-xs"
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>All labels</SelectItem>
              {labels.map((l) => (
                <SelectItem key={l.id} value={l.id}>
                  {l.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select
            value={view.priority || ANY}
            onValueChange={(v) => setView({ ...view, priority: v === ANY ? "" : v })}
          >
            <SelectTrigger
              id="inbox-priority-filter"
              size="sm"
              aria-label="Filter by priority"
              className="min-w-0 flex-1 bg-white text-xs"
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any priority</SelectItem>
              {Object.entries(PRIORITY_NAMES).map(([value, name]) => (
                <SelectItem key={value} value={value}>
                  {value === "none" ? "No priority" : name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <NotificationsControl live={live} />
      </div>
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-xs text-zinc-700">
        {rows.length > 0 && (
          <label htmlFor="inbox-select-all" className="flex items-center gap-2">
            <Checkbox
              id="inbox-select-all"
              checked={allPicked ? true : selected_.length > 0 ? "indeterminate" : false}
              onCheckedChange={() =>
                setPicked(allPicked ? new Set() : new Set(rows.map((r) => r.id)))
              }
              className="bg-white"
              data-testid="select-all"
            />
            {selected_.length > 0 ? `${selected_.length} selected` : "Select all shown"}
          </label>
        )}
        {selected_.length > 0 && (
          <button
            type="button"
            onClick={() => setPicked(new Set())}
            className="text-zinc-600 underline hover:text-zinc-900"
          >
            Clear
          </button>
        )}
        <div className="ml-auto">
          <Select
            value={view.sort}
            onValueChange={(v) => setView({ ...view, sort: v as ListView["sort"] })}
          >
            <SelectTrigger
              id="inbox-sort"
              size="sm"
              aria-label="Order of the list"
              className="h-7 bg-white text-xs data-[size=sm]:h-7"
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent align="end">
              <SelectItem value="recent">Newest first</SelectItem>
              <SelectItem value="priority">Most urgent first</SelectItem>
            </SelectContent>
          </Select>
        </div>
      </div>
      {bulkResult && (
        <div
          className="flex items-start gap-2 border-b border-zinc-200 px-3 py-1.5 text-xs"
          role={bulkResult.tone === "error" ? "alert" : "status"}
        >
          <p
            className={cn("flex-1", bulkResult.tone === "error" ? "text-red-700" : "text-zinc-800")}
            data-testid="bulk-result"
          >
            {bulkResult.text}
          </p>
          <button
            type="button"
            onClick={() => setBulkResult(null)}
            className="text-zinc-500 hover:text-zinc-800"
            aria-label="Dismiss"
          >
            ×
          </button>
        </div>
      )}
      {selected_.length > 0 && (
        <BulkBar
          slug={slug}
          ids={selected_}
          members={members}
          labels={labels}
          userId={userId}
          onDone={(result) => {
            setBulkResult(result);
            if (result.tone === "error") return;
            setPicked(new Set());
            void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
          }}
        />
      )}
      <TabsContent
        value={filter}
        className="min-h-0 flex-1 overflow-y-auto"
        data-testid="inbox-list"
      >
        {list.isError && (
          <p role="alert" className="p-3 text-sm text-red-700">
            {list.error.message}
          </p>
        )}
        {rows.length === 0 && !list.isFetching && (
          <p className="p-6 text-center text-sm text-zinc-500">
            {q.trim() ? `No conversation matches "${q.trim()}".` : EMPTY[filter]}
          </p>
        )}
        <ul className="divide-y divide-zinc-100">
          {rows.map((row) => (
            <InboxListRow
              key={row.id}
              slug={slug}
              row={row}
              labels={row.labelIds.flatMap((id) => labelsById.get(id) ?? [])}
              picked={picked.has(row.id)}
              onPick={() => toggle(row.id)}
              active={row.id === selected}
              assignee={
                row.assigneeId
                  ? row.assigneeId === userId
                    ? "You"
                    : (names.get(row.assigneeId) ?? null)
                  : null
              }
            />
          ))}
        </ul>
        {list.hasNextPage && (
          <div className="p-3">
            <button
              type="button"
              onClick={() => list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
              className="w-full rounded-lg border border-zinc-300 py-2 text-sm text-zinc-700 hover:bg-zinc-50"
            >
              {list.isFetchingNextPage ? "Loading…" : "Load more conversations"}
            </button>
          </div>
        )}
      </TabsContent>
    </Tabs>
  );
}

/** The value once it has stopped changing for `ms`: one search per pause in typing. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function shortTime(iso: string, inBrowser: boolean, now = new Date()): string {
  const date = new Date(iso);
  // The server does not know the agent's time zone; the browser fills the time in after hydrating.
  if (!inBrowser) return "";
  const sameDay = date.toDateString() === now.toDateString();
  if (sameDay) {
    return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
  }
  const days = (now.getTime() - date.getTime()) / 86_400_000;
  if (days < 6) return date.toLocaleDateString([], { weekday: "short" });
  return date.toLocaleDateString([], { day: "numeric", month: "short" });
}

function InboxListRow({
  slug,
  row,
  labels,
  picked,
  onPick,
  active,
  assignee,
}: {
  slug: string;
  row: InboxRow;
  labels: LabelView[];
  picked: boolean;
  onPick: () => void;
  active: boolean;
  assignee: string | null;
}) {
  const ref = useRef<HTMLAnchorElement>(null);
  const inBrowser = useInBrowser();
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: "nearest" });
  }, [active]);
  const unread = row.unreadCount > 0;
  const snoozedUntil =
    row.snoozedUntil && new Date(row.snoozedUntil).getTime() > Date.now() ? row.snoozedUntil : null;
  return (
    <li className={cn("flex items-stretch", picked && "bg-brand-50/60")}>
      <div className="flex shrink-0 items-start pt-3 pl-3">
        <Checkbox
          checked={picked}
          onCheckedChange={onPick}
          aria-label={`Select ${contactLabel(row.contact)}`}
          data-testid="row-select"
        />
      </div>
      <Link
        ref={ref}
        href={`/${slug}/inbox/${row.id}` as Route}
        aria-current={active ? "page" : undefined}
        data-testid="inbox-row"
        className={cn(
          "block min-w-0 flex-1 px-3 py-2.5 hover:bg-zinc-50",
          active && "bg-brand-50 hover:bg-brand-50",
        )}
      >
        <div className="flex items-baseline gap-2">
          <span
            className={cn(
              "min-w-0 flex-1 truncate text-sm",
              unread ? "font-semibold text-zinc-950" : "font-medium text-zinc-800",
            )}
          >
            {contactLabel(row.contact)}
          </span>
          <time
            dateTime={row.lastMessageAt}
            title={inBrowser ? new Date(row.lastMessageAt).toLocaleString() : undefined}
            className={cn("shrink-0 text-xs", unread ? "text-brand-700" : "text-zinc-500")}
          >
            {shortTime(row.lastMessageAt, inBrowser)}
          </time>
        </div>
        <div className="mt-0.5 flex items-center gap-2">
          <p className="min-w-0 flex-1 truncate text-sm text-zinc-600">
            {row.lastMessagePreview ?? "No messages yet"}
          </p>
          {unread && (
            <span className="shrink-0 rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white tabular-nums">
              {row.unreadCount}
              <span className="sr-only"> unread</span>
            </span>
          )}
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-1 text-[11px] font-medium">
          <PriorityChip priority={row.priority} />
          {snoozedUntil && (
            <span
              className="rounded bg-violet-100 px-1.5 py-0.5 text-violet-900"
              data-testid="snoozed-chip"
            >
              Snoozed{inBrowser ? ` until ${shortTime(snoozedUntil, true)}` : ""}
            </span>
          )}
          {labels.map((l) => (
            <LabelChip key={l.id} label={l} />
          ))}
          {row.needsHuman && (
            <span
              className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900"
              title={row.handoffReason ? HANDOFF_REASONS[row.handoffReason] : undefined}
            >
              Needs a person
            </span>
          )}
          {row.status === "human" && !row.needsHuman && !assignee && row.takenOverFromApp && (
            <span
              className="rounded bg-emerald-100 px-1.5 py-0.5 text-emerald-900"
              title="The owner replied from the WhatsApp Business app, so the bot stopped"
            >
              Owner answering in the Business app
            </span>
          )}
          {row.status === "human" && !row.needsHuman && (assignee || !row.takenOverFromApp) && (
            <span className="rounded bg-sky-100 px-1.5 py-0.5 text-sky-900">
              {assignee ? `${assignee} answering` : "A person is answering"}
            </span>
          )}
          {row.status === "bot" && assignee && (
            <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-700">
              Assigned: {assignee}
            </span>
          )}
          {row.status === "closed" && (
            <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-600">Closed</span>
          )}
          {!row.windowOpen && row.status !== "closed" && (
            <span
              className="rounded bg-zinc-100 px-1.5 py-0.5 text-zinc-600"
              title="More than 24 hours since the customer wrote: only templates can be sent."
            >
              Window closed
            </span>
          )}
        </div>
      </Link>
    </li>
  );
}
