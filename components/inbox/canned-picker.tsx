"use client";

import { type KeyboardEvent, useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { CannedReply } from "@/db/queries/inbox-tools";
import { type CannedValues, fillVariables } from "@/lib/inbox/canned-variables";

/** The "/word" being typed just before the caret, at the start of the text or after a space. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - (m[2]?.length ?? 0) - 1, query: (m[2] ?? "").toLowerCase() };
}

/** Replies whose shortcut starts with the query first, then those whose shortcut or title has it. */
export function matchReplies(replies: CannedReply[], query: string): CannedReply[] {
  const q = query.toLowerCase();
  const starts = replies.filter((r) => r.shortcut.startsWith(q));
  const rest = replies.filter(
    (r) =>
      !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || r.title.toLowerCase().includes(q)),
  );
  return [...starts, ...rest].slice(0, 8);
}

type Props = {
  replies: CannedReply[];
  values: CannedValues;
  text: string;
  caret: number;
  /** Replaces the text, with the caret after the inserted reply. */
  onInsert: (text: string, caret: number) => void;
};

/**
 * The "/" picker of the composer: an ARIA combobox whose list is the matching canned replies.
 * Arrow keys move through it, Enter or Tab inserts the reply with its variables filled, Escape
 * closes it. `inputProps` go on the textarea; `list` is rendered above it.
 */
export function useCannedPicker({ replies, values, text, caret, onInsert }: Props) {
  const listId = useId();
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const token = replies.length > 0 ? slashQuery(text, caret) : null;
  const matches = token ? matchReplies(replies, token.query) : [];
  const open = token !== null && dismissedAt !== token.start;
  const current = Math.min(active, Math.max(0, matches.length - 1));

  const insert = (reply: CannedReply) => {
    if (!token) return;
    const filled = fillVariables(reply.body, values);
    const next = text.slice(0, token.start) + filled + text.slice(caret);
    setActive(0);
    onInsert(next, token.start + filled.length);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (e.key === "Escape") {
      setDismissedAt(token.start);
      return true;
    }
    if (matches.length === 0) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + matches.length) % matches.length);
      return true;
    }
    if ((e.key === "Enter" && !e.metaKey && !e.ctrlKey && !e.shiftKey) || e.key === "Tab") {
      const reply = matches[current];
      if (reply) insert(reply);
      return true;
    }
    return false;
  };

  const optionId = (i: number) => `${listId}-option-${i}`;
  const expanded = open && matches.length > 0;
  return {
    onKeyDown,
    // Without canned replies there is nothing to pick: the box stays a plain text box.
    inputProps:
      replies.length > 0
        ? {
            role: "combobox",
            "aria-autocomplete": "list" as const,
            "aria-expanded": expanded,
            "aria-controls": listId,
            "aria-activedescendant": expanded ? optionId(current) : undefined,
          }
        : {},
    list: open ? (
      <div className="mb-2 rounded-lg border border-zinc-200 bg-white shadow-sm">
        {matches.length === 0 ? (
          <p className="px-3 py-2 text-sm text-zinc-500" role="status">
            No canned reply matches /{token.query}.
          </p>
        ) : (
          <div
            id={listId}
            role="listbox"
            aria-label="Canned replies"
            className="max-h-56 overflow-y-auto py-1"
            data-testid="canned-picker"
          >
            {matches.map((r, i) => (
              <div
                key={r.id}
                id={optionId(i)}
                role="option"
                tabIndex={-1}
                aria-selected={i === current}
                // Keeps the focus in the textarea, as the keyboard does.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(r)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") insert(r);
                }}
                onMouseEnter={() => setActive(i)}
                className={cn(
                  "cursor-pointer px-3 py-1.5 text-sm",
                  i === current ? "bg-brand-50" : "hover:bg-zinc-50",
                )}
              >
                <span className="font-mono text-xs text-zinc-500">/{r.shortcut}</span>{" "}
                <span className="font-medium text-zinc-900">{r.title}</span>
                <span className="block truncate text-xs text-zinc-500">{r.body}</span>
              </div>
            ))}
          </div>
        )}
        <p className="border-t border-zinc-100 px-3 py-1 text-[11px] text-zinc-500">
          ↑↓ to choose · Enter to insert · Esc to close
        </p>
      </div>
    ) : null,
  };
}
