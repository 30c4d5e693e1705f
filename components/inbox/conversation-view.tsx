"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { CannedReply } from "@/db/queries/inbox-tools";
import { cannedValues } from "@/lib/inbox/canned-variables";
import type { ThreadView } from "@/lib/inbox/read-inbox";
import { Composer } from "./composer";
import { ConversationHeader } from "./conversation-header";
import { fetchThread, inboxKeys, THREAD_POLL_MS } from "./inbox-client";
import type { LabelView } from "./label-chip";
import { useLiveState } from "./live-inbox";
import { ShortcutHelp } from "./shortcut-help";
import { SummaryCard } from "./summary-card";
import { ThreadTimeline } from "./thread-timeline";
import { useConversationActions } from "./use-conversation-actions";
import { useShortcut } from "./use-shortcuts";

type Props = {
  slug: string;
  initial: ThreadView;
  userId: string;
  members: { id: string; name: string }[];
  tools: InboxTools;
};

/** The workspace's labels and canned replies, and what filling a reply's variables needs. */
export type InboxTools = {
  labels: LabelView[];
  cannedReplies: CannedReply[];
  timezone: string;
  agentName: string | null;
  businessName: string;
};

/** The team's latest reply when it failed, so the composer can offer to send it again. */
function lastUndelivered(messages: ThreadView["messages"]) {
  const last = messages.findLast((m) => m.direction === "outbound" && m.source === "human");
  return last?.status === "failed" ? { id: last.id, text: last.text, type: last.type } : null;
}

/** One conversation: who and what state, the thread (kept live), and the composer. */
export function ConversationView({ slug, initial, userId, members, tools }: Props) {
  const id = initial.conversation.id;
  const live = useLiveState();
  const thread = useQuery({
    queryKey: inboxKeys.thread(slug, id),
    queryFn: () => fetchThread(slug, id),
    initialData: initial,
    // Pushed while the event stream is up; polled only while it is down.
    refetchInterval: live === "live" ? false : THREAD_POLL_MS,
    staleTime: 0,
  });
  const view = thread.data;
  const c = view.conversation;
  const actions = useConversationActions(slug, id);
  const [help, setHelp] = useState(false);

  // Reading the conversation clears its unread count, as new messages arrive too.
  const markRead = actions.markRead.mutate;
  const marking = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rechecked on every poll, so reading resumes when the agent comes back to the tab
  useEffect(() => {
    if (c.unreadCount === 0 || marking.current || document.visibilityState !== "visible") return;
    marking.current = true;
    markRead(undefined, { onSettled: () => (marking.current = false) });
  }, [c.unreadCount, markRead, thread.dataUpdatedAt]);

  const open = c.status !== "closed";
  const personHasIt = c.status === "human" && !c.needsHuman;
  useShortcut("t", () => actions.takeOver.mutate(), open && !personHasIt);
  useShortcut("b", () => actions.handBack.mutate(), c.status === "human");
  useShortcut("e", () => actions.close.mutate(), open);
  useShortcut("o", () => actions.reopen.mutate(), !open);
  useShortcut("u", () => actions.markRead.mutate());
  useShortcut("a", () => actions.assign.mutate(userId), c.assignee?.id !== userId);
  useShortcut("?", () => setHelp(true));

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="conversation">
      <ConversationHeader
        slug={slug}
        conversation={c}
        alert={view.alert}
        hours={view.hours}
        members={members}
        userId={userId}
        actions={actions}
        labels={tools.labels}
        timezone={tools.timezone}
        serverNow={view.now}
        onShowShortcuts={() => setHelp(true)}
      />
      {thread.isError && (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          {thread.error.message} Showing what was loaded before.
        </p>
      )}
      {view.aiHelp && <SummaryCard slug={slug} conversationId={id} summary={view.summary} />}
      <ThreadTimeline slug={slug} conversationId={id} latest={view} members={members} />
      {/* The composer never pushes the thread off screen: it scrolls within its share. */}
      <div className="max-h-[60%] shrink-0 overflow-y-auto">
        <Composer
          slug={slug}
          conversation={c}
          serverNow={view.now}
          actions={actions}
          undelivered={lastUndelivered(view.messages)}
          cannedReplies={tools.cannedReplies}
          aiHelp={view.aiHelp}
          values={cannedValues({
            customerName: c.contact.name,
            agentName: tools.agentName,
            businessName: tools.businessName,
          })}
        />
      </div>
      {help && <ShortcutHelp aiHelp={view.aiHelp} onClose={() => setHelp(false)} />}
    </div>
  );
}
