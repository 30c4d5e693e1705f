"use client";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuShortcut,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { AiDraft } from "./use-ai-draft";

const WORKING = {
  suggest: "Writing a suggestion…",
  translate: "Translating…",
  friendlier: "Rewriting…",
} as const;

/** The AI help under the reply box: suggest a reply, rewrite the draft, undo. */
export function AiDraftTools({ ai, hasDraft }: { ai: AiDraft; hasDraft: boolean }) {
  const busy = ai.pending !== undefined;
  return (
    <div className="space-y-1" data-testid="ai-draft-tools">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant="secondary"
          size="sm"
          disabled={busy}
          onClick={() => ai.start("suggest")}
          title="Drafts a reply from the conversation, your FAQ and knowledge (Alt + S). It is never sent by itself."
        >
          {ai.pending === "suggest" ? WORKING.suggest : "Suggest reply"}
        </Button>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button type="button" variant="secondary" size="sm" disabled={busy || !hasDraft}>
              {ai.pending === "translate" || ai.pending === "friendlier"
                ? WORKING[ai.pending]
                : "Rewrite ▾"}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            <DropdownMenuItem onSelect={() => ai.start("translate")}>
              Translate to the customer's language
              <DropdownMenuShortcut>Alt+T</DropdownMenuShortcut>
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => ai.start("friendlier")}>
              Make it friendlier
              <DropdownMenuShortcut>Alt+W</DropdownMenuShortcut>
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
        {ai.canUndo && (
          <Button type="button" variant="ghost" size="sm" onClick={ai.revert} title="Alt + Z">
            Undo AI change
          </Button>
        )}
      </div>
      {ai.error && (
        <p role="alert" className="text-sm text-red-700">
          {ai.error}
        </p>
      )}
      {!ai.error && ai.done && (
        <p role="status" className="text-xs text-zinc-600">
          {ai.done}
        </p>
      )}
    </div>
  );
}
