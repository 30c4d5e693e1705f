"use client";

import type { Route } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ThreadView } from "@/lib/inbox/read-inbox";
import { alertSummary } from "./alert-summary";
import { botActivity } from "./bot-hours";
import { contactLabel, HANDOFF_REASONS } from "./contact-label";
import { ConversationTools } from "./conversation-tools";
import type { LabelView } from "./label-chip";
import type { ConversationActions } from "./use-conversation-actions";

type Props = {
  slug: string;
  conversation: ThreadView["conversation"];
  alert: ThreadView["alert"];
  hours: ThreadView["hours"] | null;
  members: { id: string; name: string }[];
  userId: string;
  actions: ConversationActions;
  labels: LabelView[];
  timezone: string;
  serverNow: string;
  onShowShortcuts: () => void;
};

function statusChip(
  c: ThreadView["conversation"],
  userId: string,
  bot: ReturnType<typeof botActivity>,
) {
  if (c.status === "closed") return { text: "Closed", tone: "bg-zinc-100 text-zinc-700" };
  if (c.status === "human" && c.needsHuman) {
    return { text: "Bot paused · waiting for a person", tone: "bg-amber-100 text-amber-900" };
  }
  if (c.status === "human" && !c.assignee && c.takenOverFromApp) {
    return {
      text: "The owner is answering from the WhatsApp Business app · bot paused",
      tone: "bg-emerald-100 text-emerald-900",
    };
  }
  if (c.status === "human") {
    const who = c.assignee
      ? c.assignee.id === userId
        ? "You are"
        : `${c.assignee.name} is`
      : "A person is";
    return { text: `${who} answering · bot paused`, tone: "bg-sky-100 text-sky-900" };
  }
  return { text: bot.chip, tone: "bg-brand-50 text-brand-700" };
}

export function ConversationHeader({
  slug,
  conversation: c,
  alert,
  hours,
  members,
  userId,
  actions,
  labels,
  timezone,
  serverNow,
  onShowShortcuts,
}: Props) {
  const bot = botActivity(hours);
  const chip = statusChip(c, userId, bot);
  const busy =
    actions.takeOver.isPending ||
    actions.handBack.isPending ||
    actions.close.isPending ||
    actions.reopen.isPending;
  // The latest action's error only: an older failure is not shown after a later success.
  const latest = [
    actions.takeOver,
    actions.handBack,
    actions.close,
    actions.reopen,
    actions.assign,
    actions.label,
    actions.prioritize,
    actions.snooze,
  ]
    .filter((m) => m.submittedAt > 0)
    .sort((a, b) => b.submittedAt - a.submittedAt)[0];
  const failed = latest?.error?.message;
  return (
    <header className="space-y-2 border-b border-zinc-200 px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Link
          href={`/${slug}/inbox` as Route}
          className="rounded-md px-1.5 py-1 text-sm text-zinc-600 hover:bg-zinc-100 md:hidden"
          aria-label="Back to conversations"
        >
          ←
        </Link>
        <div className="min-w-40 flex-1">
          <h1 className="truncate text-base font-semibold text-zinc-950">
            {contactLabel(c.contact)}
          </h1>
          <p className="truncate text-xs text-zinc-500">
            {c.contact.name && c.contact.waId ? `+${c.contact.waId} · ` : ""}
            to {c.channel.verifiedName ?? c.channel.displayPhoneNumber ?? "your number"}
            {c.contact.optedOut && " · opted out of automatic messages"}
            {" · "}
            <Link
              href={`/${slug}/contacts/${c.contact.id}` as Route}
              className="underline hover:text-zinc-700"
              data-testid="conversation-contact-link"
            >
              contact details
            </Link>
          </p>
        </div>
        <span
          data-testid="conversation-status"
          className={cn("rounded-full px-2.5 py-1 text-xs font-medium", chip.tone)}
        >
          {chip.text}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {c.status !== "closed" && !(c.status === "human" && !c.needsHuman) && (
          <Button size="sm" disabled={busy} onClick={() => actions.takeOver.mutate()}>
            Take over <Kbd>t</Kbd>
          </Button>
        )}
        {c.status === "human" && (
          <Button
            size="sm"
            variant="secondary"
            disabled={busy}
            onClick={() => actions.handBack.mutate()}
          >
            Hand back to bot <Kbd>b</Kbd>
          </Button>
        )}
        {c.status === "closed" ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={busy}
            onClick={() => actions.reopen.mutate()}
          >
            Reopen <Kbd>o</Kbd>
          </Button>
        ) : (
          <Button
            size="sm"
            variant="secondary"
            disabled={busy}
            onClick={() => actions.close.mutate()}
          >
            Close <Kbd>e</Kbd>
          </Button>
        )}
        <label className="flex items-center gap-1.5 text-sm text-zinc-600">
          <span>Assigned to</span>
          <select
            aria-label="Assigned to"
            value={c.assignee?.id ?? ""}
            disabled={actions.assign.isPending}
            onChange={(e) => actions.assign.mutate(e.target.value || null)}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm"
          >
            <option value="">No one</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id === userId ? `${m.name} (you)` : m.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={onShowShortcuts}
          className="ml-auto hidden rounded-md px-2 py-1 text-xs text-zinc-500 hover:bg-zinc-100 md:block"
        >
          Shortcuts <Kbd>?</Kbd>
        </button>
      </div>
      <ConversationTools
        conversation={c}
        labels={labels}
        timezone={timezone}
        serverNow={serverNow}
        actions={actions}
      />
      {c.needsHuman && c.status !== "closed" && (
        <p
          role="status"
          className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <span className="font-semibold">Waiting for a person.</span>{" "}
          {c.handoffReason ? `${HANDOFF_REASONS[c.handoffReason] ?? c.handoffReason}.` : ""}
          {c.status === "bot"
            ? ` ${bot.sentence}`
            : " The bot has stopped answering here; take over to reply."}
          {alert && (
            <span className="mt-0.5 block text-xs" data-testid="staff-alert">
              {alertSummary(alert)}
            </span>
          )}
        </p>
      )}
      {failed && (
        <p role="alert" className="text-sm text-red-700">
          {failed}
        </p>
      )}
    </header>
  );
}

export function Kbd({ children }: { children: string }) {
  return (
    <kbd className="hidden rounded border border-current/30 px-1 font-mono text-[10px] leading-4 opacity-70 md:inline">
      {children}
    </kbd>
  );
}
